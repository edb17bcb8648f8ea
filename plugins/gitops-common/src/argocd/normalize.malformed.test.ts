import type { RawApplication } from './types';
import { normalizeApplicationDetail } from './normalize';

describe('normalizing malformed documents never throws', () => {
  const malformed: unknown[] = [
    null,
    undefined,
    42,
    'application',
    [],
    {},
    { metadata: 'x', spec: [], status: 7 },
    {
      metadata: { name: 5, labels: { env: 3 } },
      spec: {
        source: 'git',
        sources: 'many',
        syncPolicy: { automated: 'yes' },
        revisionHistoryLimit: 'ten',
      },
      status: {
        sync: 'Synced',
        health: { status: 'Sick' },
        history: { id: 1 },
        conditions: [null, 'x', { type: 7 }],
        operationState: { phase: 'Exploded', syncResult: 'x' },
        resources: [
          null,
          1,
          { kind: 'Deployment' },
          {
            kind: 'Pod',
            name: 'p',
            health: { status: 'Weird' },
            status: 'Odd',
          },
        ],
        summary: { images: [1, 'nginx', null] },
      },
    },
    {
      status: {
        history: [null, { id: '7', revision: 3 }, { revisions: 'x' }],
        operationState: { phase: 'Failed', operation: null },
      },
    },
  ];

  it.each(malformed.map(doc => [JSON.stringify(doc) ?? String(doc), doc]))(
    '%s',
    (_label, doc) => {
      const detail = normalizeApplicationDetail(doc as RawApplication, {
        instance: 'x',
      });
      expect(detail.sync.status).toMatch(/^(Synced|OutOfSync|Unknown)$/);
      expect(detail.health.status).toMatch(
        /^(Healthy|Progressing|Degraded|Suspended|Missing|Unknown)$/,
      );
      expect(Array.isArray(detail.history)).toBe(true);
      expect(Array.isArray(detail.resources)).toBe(true);
    },
  );

  it('turns unknown words into Unknown and skips junk entries', () => {
    const detail = normalizeApplicationDetail(malformed[7] as RawApplication, {
      instance: 'x',
    });
    expect(detail.sync.status).toBe('Unknown');
    expect(detail.health.status).toBe('Unknown');
    expect(detail.operation).toBeNull();
    expect(detail.conditions).toEqual([]);
    // `automated: 'yes'` is not an object, so it does not count as a policy.
    expect(detail.autoSync).toEqual({
      enabled: false,
      prune: false,
      selfHeal: false,
    });
    expect(detail.images).toEqual(['nginx']);
    expect(detail.history).toEqual([]);
    expect(detail.historyLimit).toBe(10);
    expect(detail.resources).toEqual([
      { kind: 'Pod', name: 'p', health: 'Unknown', sync: 'Unknown' },
    ]);
    expect(detail.resourceCounts).toEqual({ Unknown: 1 });
  });

  it('keeps odd history entries with safe defaults', () => {
    const detail = normalizeApplicationDetail(malformed[8] as RawApplication, {
      instance: 'x',
    });
    expect(detail.history).toEqual([
      { id: 0, revision: '', deployedAt: '' },
      { id: 7, revision: '', deployedAt: '' },
    ]);
    expect(detail.operation).toEqual({ phase: 'Failed' });
  });
});
