import { splitShellCommands } from './shellCommands';

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
