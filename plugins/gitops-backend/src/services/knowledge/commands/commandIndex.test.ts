import { buildCommandIndex } from './commandIndex';

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
