import { parseFieldSelection, selectListFields } from './fields';
import type { ArgoApplication } from './types';

const synced: ArgoApplication = {
  metadata: {
    name: 'payments-api-dev',
    namespace: 'argocd',
    labels: { env: 'dev' },
    creationTimestamp: '2026-03-02T10:14:27Z',
  },
  spec: {
    project: 'payments',
    source: { repoURL: 'https://github.com/acme/payments-api-deploy.git' },
  },
  status: {
    sync: {
      status: 'Synced',
      revision: 'a9a6cab372a7bbf91fdea77fad9305243684945d',
    },
    health: { status: 'Healthy' },
    history: [{ id: 9, revision: 'a9a6cab372a7bbf91fdea77fad9305243684945d' }],
    operationState: {
      phase: 'Succeeded',
      startedAt: '2026-11-23T08:50:27Z',
      syncResult: { revision: 'a9a6cab' },
    },
    resources: [{ kind: 'Deployment', name: 'payments-api' }],
  },
};

const neverSynced: ArgoApplication = {
  metadata: { name: 'orders-worker-dev', namespace: 'team-orders' },
  spec: {
    source: { repoURL: 'https://github.com/acme/orders-worker-deploy.git' },
  },
  status: { sync: { status: 'OutOfSync' }, health: { status: 'Missing' } },
};

const list = {
  metadata: { resourceVersion: '42' },
  items: [synced, neverSynced],
};

describe('parseFieldSelection', () => {
  it('reads an include list and an exclude list', () => {
    expect(parseFieldSelection('items.metadata.name,items.spec')).toEqual({
      fields: new Set(['items.metadata.name', 'items.spec']),
      exclude: false,
    });
    expect(parseFieldSelection('-items.spec')).toEqual({
      fields: new Set(['items.spec']),
      exclude: true,
    });
    expect(parseFieldSelection('')).toBeUndefined();
    expect(parseFieldSelection(undefined)).toBeUndefined();
  });
});

describe('selectListFields', () => {
  it('keeps only the selected paths and the list metadata', () => {
    const result = selectListFields(
      list,
      parseFieldSelection('items.metadata.name,items.status.sync.status')!,
    );
    expect(result).toEqual({
      metadata: { resourceVersion: '42' },
      items: [
        {
          metadata: { name: 'payments-api-dev' },
          status: { sync: { status: 'Synced' } },
        },
        {
          metadata: { name: 'orders-worker-dev' },
          status: { sync: { status: 'OutOfSync' } },
        },
      ],
    });
  });

  it('drops paths Argo CD does not know, such as the history', () => {
    const result = selectListFields(
      list,
      parseFieldSelection(
        'items.metadata.name,items.status.history,items.status.sync',
      )!,
    );
    expect(result.items).toEqual([
      { metadata: { name: 'payments-api-dev' } },
      { metadata: { name: 'orders-worker-dev' } },
    ]);
  });

  it('writes null for absent maps and pointers and leaves out what Go returns as nil', () => {
    const result = selectListFields(
      list,
      parseFieldSelection(
        'items.metadata.labels,items.metadata.deletionTimestamp,items.status.operationState.phase,items.status.resources,items.status.operationState.operation.sync',
      )!,
    );
    expect(result.items).toEqual([
      {
        metadata: { labels: { env: 'dev' }, deletionTimestamp: null },
        status: {
          operationState: {
            phase: 'Succeeded',
            operation: { sync: { revision: 'a9a6cab' } },
          },
          resources: [{ kind: 'Deployment', name: 'payments-api' }],
        },
      },
      { metadata: { labels: null, deletionTimestamp: null } },
    ]);
  });

  it('selects every known path but the listed ones with a leading minus', () => {
    const [first] = selectListFields(
      list,
      parseFieldSelection('-items.spec,items.status.resources')!,
    ).items!;
    expect(Object.keys(first).sort()).toEqual(['metadata', 'status']);
    expect(first.status).toEqual({
      sync: { status: 'Synced' },
      health: { status: 'Healthy' },
      summary: {},
      operationState: {
        startedAt: '2026-11-23T08:50:27Z',
        finishedAt: null,
        phase: 'Succeeded',
        operation: { sync: { revision: 'a9a6cab' } },
      },
    });
  });

  it('sends items as null for an empty list, like the Go nil slice', () => {
    expect(
      selectListFields(
        { metadata: { resourceVersion: '1' }, items: [] },
        parseFieldSelection('items.metadata.name')!,
      ),
    ).toEqual({
      metadata: { resourceVersion: '1' },
      items: null,
    });
  });
});
