import { call } from './__testUtils__/call';
import { startSimulator } from './server';
import type { RecordedRequest, Simulator } from './types';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator();
});

beforeEach(() => simulator.resetRequests());

afterAll(() => simulator.close());

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${simulator.url}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('request recording', () => {
  it('records instance, method, path, query and status of every API request', async () => {
    await call(
      simulator,
      'central',
      '/api/v1/applications?projects=payments&projects=checkout&selector=env%3Dprod',
    );
    await call(simulator, 'edge', '/api/v1/applications/nope', { token: null });
    await call(simulator, 'edge', '/api/v1/session', {
      method: 'POST',
      token: null,
      body: { username: 'admin', password: 'edge-password' },
    });
    expect(
      simulator.requests.map(({ at, durationMs, ...rest }) => rest),
    ).toEqual([
      {
        instance: 'central',
        method: 'GET',
        path: '/api/v1/applications',
        query: { projects: ['payments', 'checkout'], selector: 'env=prod' },
        status: 200,
      },
      {
        instance: 'edge',
        method: 'GET',
        path: '/api/v1/applications/nope',
        query: {},
        status: 401,
      },
      {
        instance: 'edge',
        method: 'POST',
        path: '/api/v1/session',
        query: {},
        status: 200,
      },
    ]);
    for (const request of simulator.requests) {
      expect(Date.parse(request.at)).toBeGreaterThan(Date.now() - 60_000);
      expect(request.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps the same array across resets and records unanswered requests with status 0', async () => {
    const requests = simulator.requests;
    await call(simulator, 'central', '/api/version');
    expect(requests).toHaveLength(1);
    simulator.resetRequests();
    expect(simulator.requests).toBe(requests);
    expect(requests).toHaveLength(0);

    simulator.setFault('edge', { timeout: true, times: 1 });
    await expect(
      call(simulator, 'edge', '/api/v1/applications', {
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(requests).toEqual([
      expect.objectContaining({
        instance: 'edge',
        path: '/api/v1/applications',
        status: 0,
      }),
    ]);
  });

  it('does not record control requests', async () => {
    await control('GET', '/requests');
    expect(simulator.requests).toEqual([]);
  });
});

describe('the /_sim control endpoint', () => {
  it('sets and clears a fault per instance', async () => {
    const set = await control('POST', '/faults/central', {
      status: 500,
      times: 3,
      pathIncludes: '/applications',
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({
      instance: 'central',
      fault: { status: 500, times: 3, pathIncludes: '/applications' },
    });
    expect(await (await control('GET', '/faults')).json()).toEqual({
      central: { status: 500, times: 3, pathIncludes: '/applications' },
    });
    expect(
      (await call(simulator, 'central', '/api/v1/applications')).status,
    ).toBe(500);
    expect((await call(simulator, 'central', '/api/version')).status).toBe(200);

    expect((await control('DELETE', '/faults/central')).status).toBe(204);
    expect(
      (await call(simulator, 'central', '/api/v1/applications')).status,
    ).toBe(200);
    expect(await (await control('GET', '/faults')).json()).toEqual({});
  });

  it('rejects invalid faults and unknown instances with 400', async () => {
    const invalid = await control('POST', '/faults/central', { times: 2 });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toContain(
      'A fault needs at least one of',
    );
    const unknown = await control('POST', '/faults/west', { status: 500 });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toBe(
      'Unknown instance west; known: central, edge',
    );
  });

  it('lists and resets recorded requests', async () => {
    await call(simulator, 'central', '/api/v1/applications/payments-api-prod');
    const listed = (await (
      await control('GET', '/requests')
    ).json()) as RecordedRequest[];
    expect(listed.map(r => [r.instance, r.path, r.status])).toEqual([
      ['central', '/api/v1/applications/payments-api-prod', 200],
    ]);
    expect((await control('DELETE', '/requests')).status).toBe(204);
    expect(simulator.requests).toEqual([]);
  });

  it('filters the log by instance and counts requests per instance and method + path', async () => {
    const login = (password: string) =>
      call(simulator, 'edge', '/api/v1/session', {
        method: 'POST',
        token: null,
        body: { username: 'admin', password },
      });
    expect((await login('wrong')).status).toBe(401);
    expect((await login('wrong')).status).toBe(401);
    expect((await login('edge-password')).status).toBe(200);
    await call(simulator, 'central', '/api/v1/applications');
    await call(
      simulator,
      'central',
      '/api/v1/applications?selector=env%3Dprod',
    );
    await call(simulator, 'central', '/api/v1/applications/payments-api-prod');

    expect(await (await control('GET', '/requests/counts')).json()).toEqual({
      edge: { 'POST /api/v1/session': 3 },
      central: {
        'GET /api/v1/applications': 2,
        'GET /api/v1/applications/payments-api-prod': 1,
      },
    });
    expect(
      await (await control('GET', '/requests/counts?instance=edge')).json(),
    ).toEqual({ edge: { 'POST /api/v1/session': 3 } });
    expect(simulator.requestCounts('central')).toEqual({
      central: {
        'GET /api/v1/applications': 2,
        'GET /api/v1/applications/payments-api-prod': 1,
      },
    });
    const edgeLog = (await (
      await control('GET', '/requests?instance=edge')
    ).json()) as RecordedRequest[];
    expect(edgeLog.map(r => r.status)).toEqual([401, 401, 200]);

    expect((await control('DELETE', '/requests')).status).toBe(204);
    expect(
      await (await control('GET', '/requests/counts?instance=edge')).json(),
    ).toEqual({ edge: {} });
  });

  it('sets global latency and expires sessions', async () => {
    expect((await control('POST', '/latency', { ms: 150 })).status).toBe(200);
    const started = Date.now();
    await call(simulator, 'edge', '/api/version');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await control('POST', '/latency', { ms: 0 })).status).toBe(200);
    expect((await control('POST', '/latency', { ms: 'fast' })).status).toBe(
      400,
    );

    const login = await call(simulator, 'edge', '/api/v1/session', {
      method: 'POST',
      token: null,
      body: { username: 'admin', password: 'edge-password' },
    });
    expect((await control('POST', '/sessions/expire')).status).toBe(204);
    const after = await call(simulator, 'edge', '/api/v1/applications', {
      token: login.body.token,
    });
    expect(after.status).toBe(401);
  });

  it('rejects app changes that do not fit with 400, and other methods on apps with 404', async () => {
    const change = (body: unknown, app = 'payments-api-prod') =>
      control('POST', `/applications/central/${app}`, body);
    const errors = [];
    for (const [body, app] of [
      [{}, undefined],
      [{ health: 'Degraded' }, undefined],
      [{ sync: { revision: 'x' } }, undefined],
      [{ health: { status: 'Degraded', message: 3 } }, undefined],
      [{ health: { status: 'Degraded' } }, 'nope'],
    ] as const) {
      const answer = await change(body, app);
      expect(answer.status).toBe(400);
      errors.push((await answer.json()).error);
    }
    expect(errors).toEqual([
      'The body needs health, sync or both',
      'health must be an object with a status',
      'sync must be an object with a status',
      'health.message must be a non-empty string',
      'No application argocd/nope in instance central',
    ]);
    const renamed = await control(
      'PUT',
      '/applications/central/payments-api-qa',
      { metadata: { name: 'other' }, spec: {} },
    );
    expect(await renamed.json()).toEqual({
      error: 'metadata.name other is not payments-api-qa, the name in the path',
    });
    const noSpec = await control('PUT', '/applications/central/x', {});
    expect(noSpec.status).toBe(400);
    expect(
      (await control('DELETE', '/applications/west/payments-api-prod')).status,
    ).toBe(400);
    expect(
      (await control('PATCH', '/applications/central/payments-api-prod'))
        .status,
    ).toBe(404);
    expect((await control('POST', '/streams/drop?instance=west')).status).toBe(
      400,
    );
  });

  it('answers 404 for unknown control routes', async () => {
    const result = await control('GET', '/nothing');
    expect(result.status).toBe(404);
    expect(await result.json()).toEqual({
      error: 'No control route GET /_sim/nothing',
    });
  });
});
