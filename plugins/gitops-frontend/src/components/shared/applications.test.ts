import { GOOD_SHA, summary } from './__fixtures__/applications';
import { pairRevisions, syncedRevisions } from './applications';

describe('pairRevisions', () => {
  it('pairs multi-source revisions with their sources by position', () => {
    const sources = [
      { repoURL: 'https://a.example/x' },
      { repoURL: 'https://b.example/y' },
    ];
    expect(pairRevisions(undefined, ['r1', 'r2'], undefined, sources)).toEqual([
      { revision: 'r1', source: sources[0] },
      { revision: 'r2', source: sources[1] },
    ]);
  });

  it('uses the single source, or the first of several, for one revision', () => {
    expect(
      syncedRevisions(
        summary({ name: 'a', sync: { status: 'Synced', revision: GOOD_SHA } }),
      ),
    ).toEqual([
      {
        revision: GOOD_SHA,
        source: expect.objectContaining({ path: 'deploy/overlays' }),
      },
    ]);
    expect(pairRevisions(undefined, undefined, undefined, undefined)).toEqual(
      [],
    );
  });
});
