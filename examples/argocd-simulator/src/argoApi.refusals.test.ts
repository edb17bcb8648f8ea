import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { call } from './__testUtils__/call';
import { startSimulator } from './server';
import type { Simulator } from './types';

const PROD = '/api/v1/applications/payments-api-prod';

/** Argo CD's error body for a gRPC code and message. */
const refusal = (code: number, message: string) => ({
  error: message,
  code,
  message,
});

let simulator: Simulator;

beforeAll(async () => {
  // Long enough that an operation is still running when the next request comes.
  simulator = await startSimulator({ operationDurationMs: 60_000 });
});

afterEach(() => simulator.resetState());

afterAll(() => simulator.close());

const post = (urlPath: string, body: unknown, token?: string) =>
  call(simulator, 'central', urlPath, { method: 'POST', body, token });

describe('sync and rollback refusals', () => {
  it('answer a missing app like a read: 403 without project, 404 with', async () => {
    for (const action of ['sync', 'rollback']) {
      const without = await post(`/api/v1/applications/nope/${action}`, {
        id: 1,
      });
      expect([without.status, without.body]).toEqual([
        403,
        refusal(7, 'permission denied'),
      ]);
      const withProject = await post(`/api/v1/applications/nope/${action}`, {
        id: 1,
        project: 'payments',
      });
      expect([withProject.status, withProject.body]).toEqual([
        404,
        refusal(5, 'applications.argoproj.io "nope" not found'),
      ]);
    }
    const otherProject = await post(`${PROD}/sync`, { project: 'checkout' });
    expect(otherProject.status).toBe(404);
    const otherNamespace = await post(
      '/api/v1/applications/orders-worker-prod/sync',
      {},
    );
    expect(otherNamespace.status).toBe(403);
    const inItsNamespace = await post(
      '/api/v1/applications/orders-worker-prod/sync',
      { appNamespace: 'team-orders', dryRun: true },
    );
    expect(inItsNamespace.status).toBe(200);
  });

  it('refuse a rollback while auto-sync is on', async () => {
    const res = await post('/api/v1/applications/checkout-web-prod/rollback', {
      id: 51,
    });
    expect([res.status, res.body]).toEqual([
      400,
      refusal(9, 'rollback cannot be initiated when auto-sync is enabled'),
    ]);
  });

  it('refuse a rollback to an id the history does not hold', async () => {
    const res = await post(`${PROD}/rollback`, { id: 7 });
    expect([res.status, res.body]).toEqual([
      400,
      refusal(
        3,
        'application argocd/payments-api-prod does not have deployment with id 7',
      ),
    ]);
    const namespaced = await post(
      '/api/v1/applications/orders-worker-prod/rollback',
      { id: 7, appNamespace: 'team-orders' },
    );
    // orders-worker-prod has auto-sync on: that refusal comes first.
    expect(namespaced.body.code).toBe(9);
  });

  it('refuse a sync of an auto-sync app to another revision, unless a dry run', async () => {
    const sha = '0fa5370949092cd459d143d5e90d0d4b6d0a3e63';
    const res = await post('/api/v1/applications/checkout-web-prod/sync', {
      revision: sha,
    });
    expect([res.status, res.body]).toEqual([
      400,
      refusal(9, `Cannot sync to ${sha}: auto-sync currently set to main`),
    ]);
    const toTarget = await post('/api/v1/applications/checkout-web-prod/sync', {
      revision: 'main',
    });
    expect(toTarget.status).toBe(200);
    const dryRun = await call(
      simulator,
      'edge',
      '/api/v1/applications/payments-api-dev/sync',
      { method: 'POST', body: { revision: 'HEAD~1', dryRun: true } },
    );
    // Past the auto-sync check; the repo server cannot resolve the name.
    expect([dryRun.status, dryRun.body]).toEqual([
      500,
      refusal(
        2,
        "error resolving repo revision: rpc error: code = Unknown desc = Unable to resolve 'HEAD~1' to a commit SHA",
      ),
    ]);
  });

  it('refuse a second operation while one is in progress', async () => {
    expect((await post(`${PROD}/rollback`, { id: 44 })).status).toBe(200);
    for (const [action, body] of [
      ['sync', {}],
      ['rollback', { id: 43 }],
    ] as const) {
      const res = await post(`${PROD}/${action}`, body);
      expect([res.status, res.body]).toEqual([
        400,
        refusal(9, 'another operation is already in progress'),
      ]);
    }
  });

  it('refuse a sync in a deny sync window; a rollback is accepted and stays blocked', async () => {
    const app = '/api/v1/applications/inventory-service-prod';
    const res = await post(`${app}/sync`, {});
    expect([res.status, res.body]).toEqual([
      403,
      refusal(7, 'cannot sync: blocked by sync window'),
    ]);
    expect((await post(`${app}/rollback`, { id: 9 })).status).toBe(200);
    await new Promise(resolve => setTimeout(resolve, 20));
    const blocked = await call(simulator, 'central', app);
    expect(blocked.body.status.operationState).toMatchObject({
      phase: 'Running',
      message: 'Sync operation blocked by sync window',
    });
  });

  it('check the body like grpc-gateway', async () => {
    const badJson = await call(simulator, 'central', `${PROD}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: undefined,
    });
    expect(badJson.status).toBe(200); // an empty body is an empty request
    await simulator.resetState();
    const wrongType = await post(`${PROD}/rollback`, { id: 'forty-four' });
    expect([wrongType.status, wrongType.body.code]).toEqual([400, 3]);
    expect(wrongType.body.message).toMatch(/^json: cannot unmarshal string/);
    const numericString = await post(`${PROD}/rollback`, { id: '44' });
    expect(numericString.status).toBe(200);
  });
});

describe('RBAC of the read-only token', () => {
  const READ_ONLY = 'sim-central-readonly';

  it('may read and refresh', async () => {
    expect(
      (await call(simulator, 'central', PROD, { token: READ_ONLY })).status,
    ).toBe(200);
    expect(
      (
        await call(simulator, 'central', `${PROD}?refresh=hard`, {
          token: READ_ONLY,
        })
      ).status,
    ).toBe(200);
  });

  it('may not sync: 403 naming the object and the account', async () => {
    const res = await post(`${PROD}/sync`, {}, READ_ONLY);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(7);
    expect(res.body.message).toMatch(
      /^permission denied: applications, sync, payments\/payments-api-prod, sub: backstage-readonly:apiKey, iat: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    const namespaced = await post(
      '/api/v1/applications/orders-worker-prod/sync',
      { appNamespace: 'team-orders' },
      READ_ONLY,
    );
    expect(namespaced.body.message).toMatch(
      /^permission denied: applications, sync, orders\/team-orders\/orders-worker-prod, /,
    );
  });

  it('may not roll back: the bare permission denied of a lookup with the sync permission', async () => {
    const res = await post(`${PROD}/rollback`, { id: 44 }, READ_ONLY);
    expect([res.status, res.body]).toEqual([
      403,
      refusal(7, 'permission denied'),
    ]);
    expect(
      simulator.application('central', 'payments-api-prod')?.operation,
    ).toBeUndefined();
  });

  it('is configurable per instance', async () => {
    const custom = await startSimulator({
      readOnlyTokens: { edge: ['edge-viewer'] },
    });
    try {
      const central = await call(custom, 'central', PROD, { token: READ_ONLY });
      expect(central.status).toBe(401);
      const edge = await call(
        custom,
        'edge',
        '/api/v1/applications/payments-api-dev/sync',
        { method: 'POST', body: {}, token: 'edge-viewer' },
      );
      expect(edge.status).toBe(403);
    } finally {
      await custom.close();
    }
  });
});

describe('an app being deleted', () => {
  it('refuses sync and rollback with FailedPrecondition', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'argocd-sim-'));
    await fs.mkdir(path.join(dir, 'central'));
    const source = {
      repoURL: 'https://github.com/acme/x.git',
      path: '.',
      targetRevision: 'main',
    };
    await fs.writeFile(
      path.join(dir, 'central', 'doomed.yaml'),
      stringify({
        application: {
          metadata: {
            name: 'doomed',
            deletionTimestamp: '2026-11-24T10:00:00Z',
          },
          spec: { project: 'default', source },
          status: {
            sync: { status: 'Synced', revision: 'a'.repeat(40) },
            history: [{ id: 1, revision: 'a'.repeat(40), source }],
          },
        },
      }),
    );
    const deleting = await startSimulator({ scenarioDir: dir });
    try {
      for (const action of ['sync', 'rollback']) {
        const res = await call(
          deleting,
          'central',
          `/api/v1/applications/doomed/${action}`,
          { method: 'POST', body: { id: 1 } },
        );
        expect([res.status, res.body]).toEqual([
          400,
          refusal(9, 'application is deleting'),
        ]);
      }
    } finally {
      await deleting.close();
      await fs.rm(dir, { recursive: true });
    }
  });
});
