import { findInvocations } from './cliInvocations';
import { splitShellCommands } from './shellCommands';

describe('findInvocations', () => {
  const invocations = (script: string) =>
    splitShellCommands(script).flatMap(findInvocations);

  it('skips assignments, keywords and wrapper commands', () => {
    expect(
      invocations(
        [
          'ARGOCD_OPTS=--grpc-web argocd app list',
          'if kubectl get ns x; then flux check; fi',
          'watch -n 5 kubectl get pods',
          "watch 'flux get kustomizations -A'",
          'xargs -I{} argocd app sync {}',
          'git status',
        ].join('\n'),
      ).map(i => [i.cli, ...i.args].join(' ')),
    ).toEqual([
      'argocd app list',
      'kubectl get ns x',
      'flux check',
      'kubectl get pods',
      'flux get kustomizations -A',
      'argocd app sync {}',
    ]);
  });
});
