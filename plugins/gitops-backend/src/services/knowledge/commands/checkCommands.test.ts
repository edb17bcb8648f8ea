import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { bundledContentDirectory } from '../bundledContentDirectory';
import {
  buildCommandIndex,
  checkInvocation,
  checkMarkdown,
  extractCodeBlocks,
  findInvocations,
  splitShellCommands,
} from './checkCommands';

const index = buildCommandIndex(
  YAML.parse(
    fs.readFileSync(path.join(__dirname, 'cliReference.yaml'), 'utf8'),
  ),
);

/** Problems of one shell block, as `line: token` strings. */
function problemsIn(script: string, lang = 'bash'): string[] {
  return checkMarkdown(
    'test.md',
    `Intro\n\n\`\`\`${lang}\n${script}\n\`\`\`\n`,
    index,
  ).map(p => `${p.line}: ${p.token}`);
}

/** Offending tokens of a single command line. */
const check = (commandLine: string) =>
  problemsIn(commandLine).map(p => p.replace(/^\d+: /, ''));

describe('splitShellCommands', () => {
  const words = (script: string) =>
    splitShellCommands(script).map(c => c.words.join(' '));

  it('joins continuations and keeps the first line of each command', () => {
    expect(
      splitShellCommands('argocd app sync a \\\n  --prune\nflux get all'),
    ).toEqual([
      { line: 1, words: ['argocd', 'app', 'sync', 'a', '--prune'] },
      { line: 3, words: ['flux', 'get', 'all'] },
    ]);
  });

  it('splits on pipes, lists and subshells, not inside quotes', () => {
    expect(
      words(
        "kubectl get pods -o json | jq '.items[] | .metadata.name' && echo ok; (cd x || exit 1)",
      ),
    ).toEqual([
      'kubectl get pods -o json',
      'jq .items[] | .metadata.name',
      'echo ok',
      'cd x',
      'exit 1',
    ]);
  });

  it('drops comments, redirections and here-documents', () => {
    expect(
      words(
        [
          '# kubectl never-run',
          'argocd app manifests a > /tmp/a.yaml 2>&1 # trailing',
          'kubectl apply -f - <<EOF',
          'kubectl not-a-command',
          'EOF',
          'flux get all',
        ].join('\n'),
      ),
    ).toEqual(['argocd app manifests a', 'kubectl apply -f -', 'flux get all']);
  });

  it('parses command substitutions as commands of their own', () => {
    expect(
      words(
        'echo "rev: $(argocd app get a -o json | jq -r .x)" `flux version`',
      ),
    ).toEqual([
      'argocd app get a -o json',
      'jq -r .x',
      'flux version',
      'echo rev: $(argocd app get a -o json | jq -r .x) `flux version`',
    ]);
  });

  it('keeps <placeholders> as words', () => {
    expect(words('argocd app rollback <app> <history-id>')).toEqual([
      'argocd app rollback <app> <history-id>',
    ]);
  });

  it('joins a single-quoted argument spanning lines', () => {
    expect(
      splitShellCommands(
        "kubectl get deploy -o yaml | yq 'del(.a,\n  .b)'\nflux check",
      ),
    ).toEqual([
      { line: 1, words: ['kubectl', 'get', 'deploy', '-o', 'yaml'] },
      { line: 1, words: ['yq', 'del(.a,\n  .b)'] },
      { line: 3, words: ['flux', 'check'] },
    ]);
  });
});

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

  it('rejects an invented flag', () => {
    expect(
      checkMarkdown(
        'runbook.md',
        '# Title\n\n```bash\nargocd app sync payments --force-everything\n```\n',
        index,
      ),
    ).toEqual([
      {
        file: 'runbook.md',
        line: 4,
        command: 'argocd app sync payments --force-everything',
        token: '--force-everything',
        message: 'unknown flag --force-everything for "argocd app sync"',
      },
    ]);
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

  it('checks commands after continuations, in pipelines and substitutions', () => {
    expect(
      problemsIn(
        [
          'kubectl get deploy x -o yaml \\',
          '  --bogus \\',
          '  | yq .spec',
          'flux get all && argocd app sync "$(argocd app list --nope -o name)"',
        ].join('\n'),
      ),
    ).toEqual(['4: --bogus', '7: --nope']);
  });

  it('checks only prompted lines of console transcripts', () => {
    expect(
      problemsIn(
        ['$ argocd app list --bad', 'argocd app sync --also-bad'].join('\n'),
        'console',
      ),
    ).toEqual(['4: --bad']);
  });

  it('ignores comments and non-shell blocks', () => {
    expect(problemsIn('# flux restart kustomization x')).toEqual([]);
    expect(problemsIn('command: kubectl frobnicate', 'yaml')).toEqual([]);
  });
});

describe('buildCommandIndex', () => {
  const cli = (commands: object, persistentFlags: object = {}) => ({
    source: 'https://example.com/cli',
    globalFlags: ['-h/--help'],
    persistentFlags,
    commands,
  });
  const reference = (argocd: object) => ({
    argocd,
    flux: cli({}),
    kubectl: cli({}),
  });
  const command = (extra: object = {}) => ({
    source: 'https://example.com/cmd',
    flags: ['--prune'],
    ...extra,
  });

  it('rejects malformed flags, aliases listed twice and unknown groups', () => {
    expect(() =>
      buildCommandIndex(
        reference(cli({ 'app sync': command({ flags: ['prune'] }) })),
      ),
    ).toThrow(/must be --long, -s\/--long or -s/);
    expect(() =>
      buildCommandIndex(
        reference(
          cli({
            'app sync': command(),
            'app wait': command({ aliases: ['app sync'] }),
          }),
        ),
      ),
    ).toThrow('argocd: "app sync" is listed twice');
    expect(() =>
      buildCommandIndex(
        reference(
          cli(
            { 'app sync': command() },
            {
              proj: { source: 'https://example.com/proj', flags: [] },
            },
          ),
        ),
      ),
    ).toThrow('argocd: persistentFlags "proj" is no command group');
  });
});

describe('extractCodeBlocks', () => {
  it('returns each fenced block with its language and first line', () => {
    expect(
      extractCodeBlocks(
        ['Text', '```bash', 'a', 'b', '```', '', '  ~~~', '  c', '  ~~~'].join(
          '\n',
        ),
      ),
    ).toEqual([
      { lang: 'bash', line: 3, text: 'a\nb' },
      { lang: '', line: 8, text: 'c' },
    ]);
  });
});

describe('bundled knowledge content', () => {
  it('uses only documented argocd, flux and kubectl subcommands and flags', () => {
    const directory = bundledContentDirectory();
    const files = ['questions', 'runbooks', 'glossary'].flatMap(kind =>
      fs
        .readdirSync(path.join(directory, kind))
        .filter(name => name.endsWith('.md'))
        .map(name => path.join(kind, name)),
    );
    expect(files.length).toBeGreaterThan(0);

    const problems = files.flatMap(file =>
      checkMarkdown(
        file,
        fs.readFileSync(path.join(directory, file), 'utf8'),
        index,
      ),
    );
    expect(problems).toEqual([]);
  });
});
