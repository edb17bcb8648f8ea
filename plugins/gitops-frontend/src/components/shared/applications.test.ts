import { GOOD_SHA, summary } from './__fixtures__/applications';
import {
  pairRevisions,
  sortByEnvironment,
  syncedRevisions,
} from './applications';

describe('sortByEnvironment', () => {
  it('orders by the environment label, then by the last word of the name, unknown last', () => {
    const apps = [
      summary({ name: 'web-prod' }),
      summary({ name: 'web-canary' }),
      summary({ name: 'web', environment: 'Staging' }),
      summary({ name: 'web-qa' }),
      summary({ name: 'web-development' }),
      summary({ name: 'a-web', environment: 'production' }),
    ];
    expect(sortByEnvironment(apps).map(app => app.name)).toEqual([
      'web-development',
      'web-qa',
      'web',
      'web-prod',
      'a-web',
      'web-canary',
    ]);
  });

  it('does not reorder its input', () => {
    const apps = [summary({ name: 'x-prod' }), summary({ name: 'x-dev' })];
    sortByEnvironment(apps);
    expect(apps.map(app => app.name)).toEqual(['x-prod', 'x-dev']);
  });
});

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
