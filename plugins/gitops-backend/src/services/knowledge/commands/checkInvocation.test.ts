import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { checkInvocation } from './checkInvocation';
import { findInvocations } from './cliInvocations';
import { buildCommandIndex } from './commandIndex';
import { splitShellCommands } from './shellCommands';

const index = buildCommandIndex(
  YAML.parse(
    fs.readFileSync(path.join(__dirname, 'cliReference.yaml'), 'utf8'),
  ),
);

/** Offending tokens of a single command line. */
const check = (commandLine: string) =>
  splitShellCommands(commandLine)
    .flatMap(findInvocations)
    .flatMap(invocation => checkInvocation(invocation, index))
    .map(problem => problem.token);

describe('checkInvocation', () => {
  it('accepts valid subcommands, flags, aliases and global flags', () => {
    expect(
      [
        'argocd app sync payments --prune --dry-run --grpc-web',
        'argocd app get payments -o json --refresh',
        'argocd app get payments --output=yaml',
        'argocd app set payments --self-heal=false',
        'argocd --server cd.example.com app list -l team=payments',
        'flux reconcile kustomization apps --with-source -n flux-system',
        'flux reconcile hr redis --force',
        'flux get ks -A --status-selector ready=false',
        'flux suspend kustomization apps --all',
        'kubectl -n orders get pods -owide',
        'kubectl --context prod rollout undo deploy/x --to-revision=3',
        'kubectl create secret generic s --from-literal=a=b --dry-run=client -o yaml',
        'kubectl exec -it pod-0 -- sh -c "ls --weird-flag"',
        'kubectl argo rollouts get rollout web -w',
      ].flatMap(check),
    ).toEqual([]);
  });

  it('rejects an invented subcommand', () => {
    expect(
      checkInvocation(
        { cli: 'flux', line: 1, args: ['restart', 'kustomization', 'x'] },
        index,
      ),
    ).toEqual([
      { token: 'restart', message: 'unknown subcommand "flux restart"' },
    ]);
    expect(check('argocd app refresh payments')).toEqual(['refresh']);
    expect(check('kubectl -n orders gett pods')).toEqual(['gett']);
  });

  it('rejects an incomplete command group', () => {
    expect(
      checkInvocation({ cli: 'kubectl', line: 1, args: ['rollout'] }, index),
    ).toEqual([
      { token: 'rollout', message: '"kubectl rollout" needs a subcommand' },
    ]);
  });

  it('rejects a flag of another subcommand and an unknown short flag', () => {
    expect(check('argocd app get payments --prune')).toEqual(['--prune']);
    expect(check('flux get kustomizations -z')).toEqual(['-z']);
    expect(check('kubectl logs pod-0 --previous-container')).toEqual([
      '--previous-container',
    ]);
  });
});
