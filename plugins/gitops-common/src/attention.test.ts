import { detail, sha } from './__testUtils__/builders';
import {
  ATTENTION_LEVELS,
  attentionLine,
  attentionOf,
  sortByAttention,
} from './attention';
import { planRollback } from './rollback';
import type { ApplicationDetail, RollbackPlan } from './types';

/** One application in each attention level, most urgent first. */
const BY_LEVEL: Record<string, Partial<ApplicationDetail>> = {
  failed: {
    operation: { phase: 'Failed', message: 'hook failed', revision: sha('c') },
  },
  degraded: { health: { status: 'Degraded' } },
  missing: { health: { status: 'Missing' } },
  'out-of-sync': { sync: { status: 'OutOfSync', revision: sha('b') } },
  progressing: { health: { status: 'Progressing' } },
  running: { operation: { phase: 'Running', revision: sha('c') } },
  suspended: { health: { status: 'Suspended' } },
  'flux-suspended': { suspended: true },
  unknown: { health: { status: 'Unknown' } },
  'sync-unknown': { sync: { status: 'Unknown' } },
  healthy: {},
};

const app = (name: string, overrides: Partial<ApplicationDetail> = {}) =>
  detail({ name, ...overrides });

describe('attentionOf', () => {
  it.each([
    ['failed', 'failed'],
    ['degraded', 'degraded'],
    ['missing', 'degraded'],
    ['out-of-sync', 'out-of-sync'],
    ['progressing', 'progressing'],
    ['running', 'progressing'],
    ['suspended', 'suspended'],
    ['flux-suspended', 'suspended'],
    ['unknown', 'unknown'],
    ['sync-unknown', 'unknown'],
    ['healthy', 'healthy'],
  ])('puts a %s application at %s', (state, level) => {
    expect(attentionOf(app(state, BY_LEVEL[state]))).toBe(level);
  });

  it('puts a failed sync above a Degraded health, and Degraded above OutOfSync', () => {
    expect(
      attentionOf(
        app('x', { ...BY_LEVEL.failed, health: { status: 'Degraded' } }),
      ),
    ).toBe('failed');
    expect(
      attentionOf(
        app('x', {
          health: { status: 'Degraded' },
          sync: { status: 'OutOfSync' },
        }),
      ),
    ).toBe('degraded');
    // OutOfSync while the sync that applies it runs: in progress, not drift.
    expect(
      attentionOf(
        app('x', {
          operation: { phase: 'Running' },
          sync: { status: 'OutOfSync' },
        }),
      ),
    ).toBe('progressing');
  });
});

describe('sortByAttention', () => {
  it('orders every level as listed, whatever the input order', () => {
    const apps = Object.entries(BY_LEVEL).map(([state, overrides]) =>
      app(state, overrides),
    );
    const sorted = sortByAttention([...apps].reverse());
    const levels = sorted.map(attentionOf);
    expect([...new Set(levels)]).toEqual(ATTENTION_LEVELS);
  });

  it('puts prod first within a level, then staging, then dev, unknown environments last', () => {
    const names = sortByAttention([
      app('payments-api-dev'),
      app('payments-api-tools'),
      app('payments-api', { environment: 'production' }),
      app('payments-api-staging'),
      app('payments-api-test'),
    ]).map(a => a.name);
    expect(names).toEqual([
      'payments-api',
      'payments-api-staging',
      'payments-api-test',
      'payments-api-dev',
      'payments-api-tools',
    ]);
  });

  it('puts a Degraded dev above a healthy prod', () => {
    const names = sortByAttention([
      app('payments-api-prod'),
      app('payments-api-dev', BY_LEVEL.degraded),
    ]).map(a => a.name);
    expect(names).toEqual(['payments-api-dev', 'payments-api-prod']);
  });
});

describe('attentionLine', () => {
  it('recommends the planned rollback target for a Degraded application', () => {
    const degraded = app('payments-api-prod', {
      health: { status: 'Degraded' },
      sync: { status: 'Synced', revision: sha('b') },
    });
    const plan = planRollback(degraded);
    expect(plan.state).toBe('recommended');
    expect(attentionLine(degraded, plan)).toBe(
      'Degraded after deploy bbbbbbb — rollback to aaaaaaa recommended',
    );
    // Without the plan (the card) it points at the resources instead.
    expect(attentionLine(degraded)).toBe(
      'Degraded after deploy bbbbbbb — check the unhealthy resources',
    );
  });

  it('does not recommend a rollback the plan does not', () => {
    const plan: RollbackPlan = {
      state: 'unknown',
      reason: 'no history',
      knownGood: null,
      suspect: null,
      steps: [],
      warnings: [],
    };
    expect(attentionLine(app('x', BY_LEVEL.failed), plan)).toBe(
      'Last sync to ccccccc failed — read the sync message, fix the cause and sync again',
    );
  });

  it.each([
    ['missing', 'Resources missing from the cluster — sync to create them'],
    ['out-of-sync', 'Out of sync with Git — sync to apply the change'],
    ['running', 'Sync to ccccccc running — wait for it to finish'],
    ['progressing', 'Rolling out bbbbbbb — wait for it to finish'],
    ['flux-suspended', 'Reconciliation suspended — resume it when ready'],
    [
      'unknown',
      'Status unknown — see the conditions for why it could not be compared',
    ],
    ['healthy', 'Synced and healthy at bbbbbbb — nothing to do'],
  ])('says what a %s application needs', (state, line) => {
    expect(attentionLine(app(state, BY_LEVEL[state]))).toBe(line);
  });

  it('expects auto-sync to apply a drift when it is on', () => {
    expect(
      attentionLine(
        app('x', {
          ...BY_LEVEL['out-of-sync'],
          autoSync: { enabled: true, prune: false, selfHeal: false },
        }),
      ),
    ).toBe(
      'Out of sync with Git — auto-sync should apply it; check the conditions if it stays',
    );
  });
});
