import { detail } from './__testUtils__/builders';
import { explain } from './explain';
import { signalsOf } from './signals/signalsOf';
import type { KnowledgeEntryMeta, KnowledgeKind, Signals } from './types';

function meta(
  id: string,
  signals: string[],
  kind: KnowledgeKind = 'question',
): KnowledgeEntryMeta {
  return {
    id,
    title: `Title of ${id}`,
    kind,
    level: 'senior',
    topics: [],
    related: [],
    signals,
    summary: '',
  };
}

const IMMUTABLE_FAILURE: Signals = signalsOf(
  detail({
    sync: { status: 'OutOfSync' },
    health: { status: 'Degraded' },
    autoSync: { enabled: true, prune: true, selfHeal: true },
    operation: {
      phase: 'Failed',
      message:
        'one or more objects failed to apply, reason: Deployment.apps "checkout-web" is invalid: spec.selector: Invalid value: {}: field is immutable',
      failedResources: [
        {
          group: 'batch',
          kind: 'Job',
          name: 'db-migrate',
          hookType: 'PreSync',
          hookPhase: 'Failed',
          message: 'Job has reached the specified backoff limit',
        },
      ],
    },
    conditions: [
      {
        type: 'SyncError',
        message: 'Failed sync attempt: one or more objects failed to apply',
      },
    ],
  }),
);

describe('explain matching', () => {
  it('matches message signals case-insensitively as substrings, others exactly', () => {
    const result = explain(IMMUTABLE_FAILURE, [
      meta('substring', ['message:IMMUTABLE']),
      meta('exact', ['condition:SyncError']),
      meta('wrong-case', ['condition:syncerror', 'health:degraded']),
      meta('absent', ['message:OOMKilled', 'sync:Synced']),
    ]);
    expect(result.map(r => r.id)).toEqual(['substring', 'exact']);
    expect(result[0]).toEqual({
      id: 'substring',
      title: 'Title of substring',
      kind: 'question',
      why: 'the last sync failed: field is immutable on Deployment checkout-web',
      score: 1000.2,
    });
  });

  it('falls back to the live messages for text no named pattern covers', () => {
    const [result] = explain(IMMUTABLE_FAILURE, [
      meta('backoff', ['message:backoff limit']),
    ]);
    expect(result).toMatchObject({
      id: 'backoff',
      why: 'the last sync failed: Job has reached the specified backoff limit',
      score: 1000.2,
    });
  });

  it('shows the part of a long message around the match', () => {
    const long = `${'x'.repeat(
      300,
    )} the admission controller said no ${'y'.repeat(300)}`;
    const signals = signalsOf(
      detail({ health: { status: 'Degraded', message: long } }),
    );
    const [result] = explain(signals, [
      meta('said-no', ['message:controller said no']),
    ]);
    expect(result.why).toMatch(
      /^health is Degraded: …x+ the admission controller said no y+…$/,
    );
    expect(result.why.length).toBeLessThan(220);
  });

  it('ignores empty message needles, junk signals and duplicate ids', () => {
    const entries = [
      meta('dup', ['health:Degraded']),
      meta('dup', ['message:immutable']),
      meta('empty', ['message:', 'message:   ']),
      { ...meta('junk', []), signals: [42, null] as unknown as string[] },
    ];
    expect(explain(IMMUTABLE_FAILURE, entries).map(r => r.id)).toEqual(['dup']);
  });
});

describe('explain ranking', () => {
  it('ranks message > condition/operation > health/sync > settings', () => {
    const result = explain(IMMUTABLE_FAILURE, [
      meta('settings', ['autoSync:enabled', 'health:Degraded']),
      meta('health', ['health:Degraded']),
      meta('condition', ['condition:SyncError']),
      meta('message', ['message:field is immutable']),
    ]);
    expect(result.map(r => [r.id, r.score])).toEqual([
      ['message', 1000.2],
      ['condition', 100.2],
      ['settings', 11.2],
      ['health', 10.2],
    ]);
  });

  it('never lets generic settings outrank a failure, however many match', () => {
    const result = explain(IMMUTABLE_FAILURE, [
      meta(
        'all-settings',
        [
          'autoSync:enabled',
          'selfHeal:enabled',
          'prune:enabled',
          'sync:OutOfSync',
        ],
        'runbook',
      ),
      meta('failure', ['operation:Failed'], 'glossary'),
    ]);
    expect(result.map(r => r.id)).toEqual(['failure', 'all-settings']);
    expect(result[1].why).toBe(
      'the live state differs from Git: sync status is OutOfSync',
    );
  });

  it('ranks more matches higher within a tier', () => {
    const result = explain(IMMUTABLE_FAILURE, [
      meta('one', ['message:immutable']),
      meta('three', ['message:immutable', 'message:hook', 'health:Degraded']),
      meta('two', ['message:immutable', 'operation:Failed']),
    ]);
    expect(result.map(r => r.id)).toEqual(['three', 'two', 'one']);
  });

  it('breaks ties runbook > question > glossary', () => {
    const result = explain(IMMUTABLE_FAILURE, [
      meta('glossary', ['health:Degraded'], 'glossary'),
      meta('question', ['health:Degraded'], 'question'),
      meta('runbook', ['health:Degraded'], 'runbook'),
    ]);
    expect(result.map(r => r.kind)).toEqual([
      'runbook',
      'question',
      'glossary',
    ]);
  });

  it('explains with the fact of the strongest matching signal', () => {
    const [result] = explain(IMMUTABLE_FAILURE, [
      meta('mixed', [
        'autoSync:enabled',
        'condition:SyncError',
        'message:hook',
      ]),
    ]);
    expect(result.why).toBe(
      'the last sync failed: PreSync hook Job db-migrate failed (Job has reached the specified backoff limit)',
    );
  });

  it('applies the limit', () => {
    const entries = Array.from({ length: 10 }, (_, i) =>
      meta(`e${i}`, ['health:Degraded']),
    );
    expect(explain(IMMUTABLE_FAILURE, entries)).toHaveLength(6);
    expect(explain(IMMUTABLE_FAILURE, entries, 2).map(r => r.id)).toEqual([
      'e0',
      'e1',
    ]);
    expect(explain(IMMUTABLE_FAILURE, entries, 0)).toEqual([]);
  });

  it('counts statuses that say nothing is wrong as context, never above a live problem', () => {
    const degradedAfterDeploy = signalsOf(
      detail({ health: { status: 'Degraded' } }),
    );
    const result = explain(degradedAfterDeploy, [
      meta(
        'steady',
        ['sync:Synced', 'operation:Succeeded', 'autoSync:disabled'],
        'runbook',
      ),
      meta('degraded', ['health:Degraded'], 'glossary'),
      meta(
        'steady-and-degraded',
        ['sync:Synced', 'operation:Succeeded', 'health:Degraded'],
        'runbook',
      ),
    ]);
    expect(result.map(r => [r.id, r.score])).toEqual([
      ['steady-and-degraded', 12.3],
      ['degraded', 10.1],
    ]);
  });

  it('leaves out every entry that shares only context with the app: a healthy app gets none', () => {
    const healthy = signalsOf(
      detail({ autoSync: { enabled: true, prune: true, selfHeal: true } }),
    );
    const entries = [
      // About Degraded apps; shares only "Synced, last sync succeeded" with this one.
      meta('degraded-after-deploy', [
        'health:Degraded',
        'sync:Synced',
        'operation:Succeeded',
      ]),
      // About drift; shares only a setting.
      meta('drift', ['sync:OutOfSync', 'selfHeal:enabled']),
      // About healthy apps, but nothing here calls for it.
      meta('healthy-but-broken', [
        'sync:Synced',
        'health:Healthy',
        'history:rollback-candidate',
      ]),
      // About a setting only.
      meta('self-heal', ['selfHeal:enabled', 'selfHeal:disabled']),
      // Lists every health state, so one of them holds.
      meta('health-words', ['health:Healthy', 'health:Degraded']),
    ];
    expect(explain(healthy, entries)).toEqual([]);

    // A live problem match keeps an entry even when a listed state does not hold.
    const failedSync = signalsOf(
      detail({
        operation: { phase: 'Failed', message: 'hook failed', revision: 'x' },
      }),
    );
    expect(
      explain(failedSync, [
        meta('rollback', ['health:Degraded', 'operation:Failed']),
      ]).map(r => r.id),
    ).toEqual(['rollback']);
  });

  it('returns nothing when nothing matches', () => {
    expect(
      explain(signalsOf(detail()), [meta('failure', ['operation:Failed'])]),
    ).toEqual([]);
  });
});
