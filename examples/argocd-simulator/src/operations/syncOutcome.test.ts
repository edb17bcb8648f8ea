import type { ArgoApplication, ArgoSource } from '../types';
import { withOperationRunning, withRequestedOperation } from './lifecycle';
import { withOperationFinished } from './syncOutcome';

const chart: ArgoSource = {
  repoURL: 'https://charts.acme.example/stable',
  chart: 'worker',
  targetRevision: '1.2.0',
};
const values: ArgoSource = {
  repoURL: 'https://github.com/acme/values.git',
  targetRevision: 'main',
  ref: 'values',
};

/** A multi-source app with a short history limit, mid-way through a sync. */
function runningSync(
  overrides: Partial<ArgoApplication['spec']> = {},
): ArgoApplication {
  const app: ArgoApplication = {
    metadata: { name: 'worker', namespace: 'argocd' },
    spec: {
      project: 'default',
      sources: [chart, values],
      revisionHistoryLimit: 2,
      ...overrides,
    },
    status: {
      sync: { status: 'OutOfSync', revisions: ['1.2.0', 'b'.repeat(40)] },
      health: { status: 'Healthy' },
      conditions: [
        { type: 'SyncError', message: 'Failed sync attempt' },
        { type: 'SharedResourceWarning', message: 'shared' },
      ],
      history: [1, 2].map(id => ({
        id,
        revisions: ['1.1.0', 'a'.repeat(40)],
        sources: [chart, values],
      })),
      resources: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: 'w',
          name: 'worker',
          status: 'OutOfSync',
          health: { status: 'Healthy' },
        },
        {
          version: 'v1',
          kind: 'ConfigMap',
          namespace: 'w',
          name: 'worker',
          status: 'OutOfSync',
        },
      ],
    },
  };
  const requested = withRequestedOperation(app, {
    sync: {},
    initiatedBy: { automated: true },
  });
  return withOperationRunning(requested, '2026-11-24T10:00:00Z');
}

describe('withOperationFinished', () => {
  it('deploys the heads of every source of a multi-source app, with revisions and sources in history', () => {
    const done = withOperationFinished(
      runningSync(),
      undefined,
      '2026-11-24T10:00:05Z',
    );
    expect(done.operation).toBeUndefined();
    expect(done.status?.history).toEqual([
      { id: 2, revisions: ['1.1.0', 'a'.repeat(40)], sources: [chart, values] },
      {
        revisions: ['1.2.0', 'b'.repeat(40)],
        sources: [chart, values],
        deployedAt: '2026-11-24T10:00:05Z',
        id: 3,
        deployStartedAt: '2026-11-24T10:00:00Z',
        initiatedBy: { automated: true },
      },
    ]);
    expect(done.status?.sync).toEqual({
      status: 'Synced',
      revisions: ['1.2.0', 'b'.repeat(40)],
    });
    expect(done.status?.operationState?.syncResult).toEqual({
      resources: [
        expect.objectContaining({
          kind: 'Deployment',
          message: 'deployment.apps/worker configured',
        }),
        expect.objectContaining({
          kind: 'ConfigMap',
          message: 'configmap/worker unchanged',
          group: '',
        }),
      ],
      revisions: ['1.2.0', 'b'.repeat(40)],
      sources: [chart, values],
    });
    expect(done.status?.resources?.map(r => r.status)).toEqual([
      'Synced',
      'Synced',
    ]);
    // A successful sync clears SyncError; other conditions stay.
    expect(done.status?.conditions).toEqual([
      { type: 'SharedResourceWarning', message: 'shared' },
    ]);
  });

  it('fails as the simulation says, without touching what is deployed', () => {
    const running = runningSync();
    const done = withOperationFinished(
      running,
      {
        syncFailure: {
          message: 'hook failed',
          resources: [{ kind: 'Job', name: 'migrate' }],
        },
      },
      '2026-11-24T10:00:05Z',
    );
    expect(done.status?.operationState).toMatchObject({
      phase: 'Failed',
      message: 'hook failed',
      syncResult: { resources: [{ kind: 'Job', name: 'migrate' }] },
    });
    expect(done.status?.history).toBe(running.status?.history);
    expect(done.status?.sync).toBe(running.status?.sync);
  });
});
