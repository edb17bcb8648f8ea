import { call } from './__testUtils__/call';
import { swaggerProblems } from './__testUtils__/swaggerShape';
import { startSimulator } from './server';
import type { ArgoApplication, Simulator } from './types';

const PROD = '/api/v1/applications/payments-api-prod';
const A9A6CAB = 'a9a6cab372a7bbf91fdea77fad9305243684945d';
const DADCC6B = 'dadcc6b4ca697754255deddf17dcca4b5dc97a2f';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ operationDurationMs: 40 });
});

beforeEach(async () => {
  await simulator.resetState();
  simulator.resetRequests();
  simulator.setFault('central', undefined);
});

afterAll(() => simulator.close());

const post = (path: string, body: unknown, token?: string | null) =>
  call(simulator, 'central', path, { method: 'POST', body, token });
const get = async (path: string): Promise<ArgoApplication> =>
  (await call(simulator, 'central', path)).body;
const prodTree = async () =>
  (await call(simulator, 'central', `${PROD}/resource-tree`)).body
    .nodes as Array<Record<string, any>>;

describe('a rollback', () => {
  it('is answered with the operation requested, runs, and ends with history grown', async () => {
    const answer = await post(`${PROD}/rollback`, { id: 44 });
    expect(answer.status).toBe(200);
    // As argo.SetAppOperation stores it: the operation, and no state until the controller picks it up.
    expect(answer.body.operation).toEqual({
      sync: {
        revision: DADCC6B,
        syncOptions: ['CreateNamespace=true', 'PruneLast=true'],
        syncStrategy: { apply: {} },
        source: answer.body.spec.source,
      },
      initiatedBy: { username: 'backstage' },
    });
    expect(answer.body.status.operationState).toBeUndefined();
    expect(swaggerProblems(answer.body, 'v1alpha1Application')).toEqual([]);

    const running = await get(PROD);
    expect(running.status?.operationState).toMatchObject({
      phase: 'Running',
      message: 'one or more tasks are running',
      startedAt: expect.stringMatching(/Z$/),
      operation: answer.body.operation,
    });

    await simulator.settled();
    const done = await get(PROD);
    expect(done.operation).toBeUndefined();
    expect(done.status?.operationState).toMatchObject({
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      finishedAt: expect.any(String),
      syncResult: { revision: DADCC6B, source: done.spec.source },
    });
    expect(done.status?.history?.slice(-2)).toEqual([
      expect.objectContaining({ id: 45, revision: A9A6CAB }),
      {
        revision: DADCC6B,
        deployedAt: done.status?.operationState?.finishedAt,
        id: 46,
        source: done.spec.source,
        deployStartedAt: done.status?.operationState?.startedAt,
        initiatedBy: { username: 'backstage' },
      },
    ]);
    // Healthy again, but OutOfSync: main's head is still a9a6cab, which status.sync.revision names.
    expect(done.status?.health).toEqual({ status: 'Healthy' });
    expect(done.status?.sync).toMatchObject({
      status: 'OutOfSync',
      revision: A9A6CAB,
    });
    expect(done.status?.resources).toContainEqual(
      expect.objectContaining({
        kind: 'Deployment',
        status: 'OutOfSync',
        health: { status: 'Healthy' },
      }),
    );
    expect(swaggerProblems(done, 'v1alpha1Application')).toEqual([]);
    expect(Number(done.metadata.resourceVersion)).toBeGreaterThan(48211937);
  });

  it('brings the resource tree along: Deployment healthy, the crash-looping pod gone', async () => {
    const before = await prodTree();
    expect(before.find(n => n.kind === 'Deployment')?.health.status).toBe(
      'Degraded',
    );
    await post(`${PROD}/rollback`, { id: 44 });
    await simulator.settled();
    const after = await prodTree();
    expect(after.find(n => n.kind === 'Deployment')?.health).toEqual({
      status: 'Healthy',
    });
    expect(after.filter(n => n.kind === 'Pod')).toHaveLength(3);
    expect(after.every(n => !n.health || n.health.status === 'Healthy')).toBe(
      true,
    );

    // Syncing main again deploys a9a6cab: Degraded, and the scenario's own tree, once more.
    await post(`${PROD}/sync`, {});
    await simulator.settled();
    const again = await get(PROD);
    expect(
      again.status?.history?.map(h => [h.id, h.revision]).slice(-2),
    ).toEqual([
      [46, DADCC6B],
      [47, A9A6CAB],
    ]);
    expect(again.status?.health).toEqual({ status: 'Degraded' });
    expect(again.status?.sync?.status).toBe('Synced');
    expect(await prodTree()).toEqual(before);
  });

  it('records the account: admin for a session', async () => {
    const login = await post(
      '/api/v1/session',
      { username: 'admin', password: 'central-password' },
      null,
    );
    await post(`${PROD}/rollback`, { id: 43 }, login.body.token);
    await simulator.settled();
    const done = await get(PROD);
    expect(done.status?.history?.at(-1)).toMatchObject({
      id: 46,
      revision: '50f69c94d7ec7ffd633d8d6b9a18c64a55b7cb3a',
      initiatedBy: { username: 'admin' },
    });
  });
});

describe('a sync', () => {
  it('deploys the head of the target revision and keeps auto-sync on', async () => {
    const staging = '/api/v1/applications/payments-api-staging';
    const answer = await post(`${staging}/sync`, { prune: true });
    expect(answer.body.operation.sync).toMatchObject({
      revision: answer.body.status.sync.revision,
      prune: true,
    });
    expect(answer.body.operation.sync).not.toHaveProperty('dryRun');
    await simulator.settled();
    const done = await get(staging);
    expect(done.spec.syncPolicy).toMatchObject({
      automated: { prune: true, selfHeal: false },
    });
    expect(done.status?.sync?.status).toBe('Synced');
    expect(done.status?.resources?.every(r => r.status === 'Synced')).toBe(
      true,
    );
  });

  it('fails as the scenario says, leaving history and health alone', async () => {
    const path = '/api/v1/applications/checkout-web-staging';
    const before = await get(path);
    await post(`${path}/sync`, {});
    await simulator.settled();
    const done = await get(path);
    expect(done.status?.operationState).toMatchObject({
      phase: 'Failed',
      message: expect.stringMatching(/field is immutable$/),
      syncResult: {
        revision: before.status?.sync?.revision,
        resources: expect.arrayContaining([
          expect.objectContaining({ kind: 'Deployment', status: 'SyncFailed' }),
        ]),
      },
    });
    expect(done.status?.history).toEqual(before.status?.history);
    expect(done.status?.sync?.status).toBe('OutOfSync');
  });

  it('resolves a tag to its commit', async () => {
    const answer = await post(`${PROD}/sync`, {
      revision: 'payments-api-1.42.0',
    });
    expect(answer.body.operation.sync.revision).toBe(
      '50f69c94d7ec7ffd633d8d6b9a18c64a55b7cb3a',
    );
  });

  it('runs a dry run that changes nothing but the operation state', async () => {
    const before = await get(PROD);
    const answer = await post(`${PROD}/rollback`, { id: 44, dryRun: true });
    expect(answer.body.operation.sync.dryRun).toBe(true);
    await simulator.settled();
    const done = await get(PROD);
    expect(done.status?.operationState).toMatchObject({
      phase: 'Succeeded',
      message: 'successfully synced (dry run)',
      syncResult: { revision: DADCC6B },
    });
    const { operationState: _a, reconciledAt: _b, ...rest } = done.status!;
    const {
      operationState: _c,
      reconciledAt: _d,
      ...restBefore
    } = before.status!;
    expect(rest).toEqual(restBefore);
  });
});

describe('history', () => {
  it('is cut to spec.revisionHistoryLimit (default 10), keeping the newest', async () => {
    for (let i = 0; i < 5; i++) {
      const answer = await post(`${PROD}/rollback`, { id: 44 + i });
      expect(answer.status).toBe(200);
      await simulator.settled();
    }
    const ids = (await get(PROD)).status?.history?.map(h => h.id);
    expect(ids).toEqual([41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
  });
});

describe('refresh', () => {
  it('sets reconciledAt for normal and hard refreshes', async () => {
    const before = await get(PROD);
    // Argo CD takes any value but `hard` as a normal refresh.
    for (const value of ['normal', 'hard', 'yes']) {
      const refreshed = await get(`${PROD}?refresh=${value}`);
      expect(refreshed.status?.reconciledAt).not.toBe(
        before.status?.reconciledAt,
      );
      expect(
        Date.parse(refreshed.status!.reconciledAt as string),
      ).toBeGreaterThan(Date.now() - 5000);
    }
    expect(simulator.requests.map(r => r.query)).toEqual([
      {},
      { refresh: 'normal' },
      { refresh: 'hard' },
      { refresh: 'yes' },
    ]);
  });
});

describe('faults and the request log', () => {
  it('records writes and lets a fault on /sync fail them without effect', async () => {
    simulator.setFault('central', {
      status: 503,
      pathIncludes: '/sync',
      times: 1,
    });
    const faulted = await post(`${PROD}/sync`, {});
    expect(faulted.status).toBe(503);
    expect((await get(PROD)).operation).toBeUndefined();
    expect((await post(`${PROD}/sync`, {})).status).toBe(200);
    expect(simulator.requestCounts('central')).toEqual({
      central: {
        [`POST ${PROD}/sync`]: 2,
        [`GET ${PROD}`]: 1,
      },
    });
  });

  it('holds a write under a timeout fault', async () => {
    simulator.setFault('central', { timeout: true, pathIncludes: '/rollback' });
    await expect(
      call(simulator, 'central', `${PROD}/rollback`, {
        method: 'POST',
        body: { id: 44 },
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow();
  });
});

describe('resetState', () => {
  // The loaded document comes back under a newer resourceVersion: versions never go back, or watchers would miss it.
  const withoutVersion = ({ metadata, ...app }: ArgoApplication) => {
    const { resourceVersion: _version, ...rest } = metadata;
    return { ...app, metadata: rest };
  };
  const version = (app: ArgoApplication) =>
    Number(app.metadata.resourceVersion);

  it('puts apps back as loaded and drops running operations', async () => {
    const loaded = await get(PROD);
    const rolledBack = await post(`${PROD}/rollback`, { id: 44 });
    await simulator.resetState();
    const reset = await get(PROD);
    expect(withoutVersion(reset)).toEqual(withoutVersion(loaded));
    expect(version(reset)).toBeGreaterThan(version(rolledBack.body));
    await new Promise(resolve => setTimeout(resolve, 80));
    expect(await get(PROD)).toEqual(reset);
  });

  it('is a control route too, with the current app readable for tests', async () => {
    await post(`${PROD}/rollback`, { id: 44 });
    const app = await fetch(
      `${simulator.url}/_sim/applications/central/payments-api-prod`,
    );
    expect((await app.json()).operation.sync.revision).toBe(DADCC6B);
    expect(
      simulator.application('central', 'payments-api-prod')?.operation,
    ).toBeDefined();
    const reset = await fetch(`${simulator.url}/_sim/state/reset`, {
      method: 'POST',
    });
    expect(reset.status).toBe(204);
    expect(
      simulator.application('central', 'payments-api-prod')?.operation,
    ).toBeUndefined();
    const missing = await fetch(
      `${simulator.url}/_sim/applications/central/nope`,
    );
    expect(missing.status).toBe(404);
  });
});
