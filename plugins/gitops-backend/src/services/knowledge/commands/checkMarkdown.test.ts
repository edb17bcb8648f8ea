import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { bundledContentDirectory } from '../bundledContentDirectory';
import { checkMarkdown } from './checkMarkdown';
import { buildCommandIndex } from './commandIndex';

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

describe('checkMarkdown', () => {
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
