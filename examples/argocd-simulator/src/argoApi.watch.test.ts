import { get } from 'node:http';
import { call } from './__testUtils__/call';
import { swaggerProblems } from './__testUtils__/swaggerShape';
import { openWatch, type OpenWatch } from './__testUtils__/watchLines';
import { startSimulator } from './server';
import type { ArgoApplication, Simulator } from './types';

let simulator: Simulator;
const watches: OpenWatch[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ operationDurationMs: 20 });
});

beforeEach(async () => {
  await simulator.resetState();
  simulator.setFault('central', undefined);
  simulator.resetRequests();
});

afterEach(async () => {
  watches.splice(0).forEach(watch => watch.abort());
  await until(() => simulator.openStreams() === 0);
});

afterAll(() => simulator.close());

async function until(condition: () => boolean, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('Timed out waiting');
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

const watch = async (query = '', instance = 'central') => {
  const opened = await openWatch(simulator, instance, query);
  watches.push(opened);
  return opened;
};

/** The events that arrive until the stream is quiet for a moment: the existing apps, for a fresh stream. */
async function burst(opened: OpenWatch): Promise<any[]> {
  const events = [];
  for (;;) {
    try {
      events.push(await opened.next(150));
    } catch {
      return events;
    }
  }
}

const names = (events: any[]) =>
  events.map(
    ({ result }) =>
      `${result.type} ${result.application.metadata.namespace}/${result.application.metadata.name}`,
  );

const version = (app: ArgoApplication) => Number(app.metadata.resourceVersion);

const listVersion = async () =>
  (await call(simulator, 'central', '/api/v1/applications')).body.metadata
    .resourceVersion as string;

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${simulator.url}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('GET /api/v1/stream/applications', () => {
  it('begins with an ADDED event per app, one JSON object per line, in Argo CD order, and stays open', async () => {
    const opened = await watch();
    expect(opened.status).toBe(200);
    expect(opened.contentType).toBe('application/json');
    const events = await burst(opened);
    // Argo CD sorts them by <namespace>/<name>, not by name as a list does
    expect(names(events)).toEqual([
      'ADDED argocd/checkout-web-prod',
      'ADDED argocd/checkout-web-staging',
      'ADDED argocd/inventory-service-prod',
      'ADDED argocd/payments-api-prod',
      'ADDED argocd/payments-api-staging',
      'ADDED team-orders/orders-worker-prod',
      'ADDED team-orders/orders-worker-staging',
    ]);
    expect(opened.rawLines).toHaveLength(7);
    for (const line of opened.rawLines) {
      const { result } = JSON.parse(line);
      expect(swaggerProblems(result, 'v1alpha1ApplicationWatchEvent')).toEqual(
        [],
      );
    }
    expect(events[3].result.application).toEqual(
      simulator.application('central', 'payments-api-prod'),
    );
    expect(await opened.quietFor(100)).toBe(true);
    expect(simulator.openStreams('central')).toBe(1);
    expect(simulator.openStreams('edge')).toBe(0);
  });

  it('sends the body chunked', async () => {
    const headers = await new Promise<Record<string, unknown>>(resolve => {
      const req = get(
        `${simulator.instanceUrl('edge')}/api/v1/stream/applications`,
        { headers: { authorization: `Bearer ${simulator.token('edge')}` } },
        res => {
          resolve(res.headers);
          req.destroy();
        },
      );
    });
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
  });

  it('filters the apps by name (in appNamespace, default argocd), projects and selector', async () => {
    const initial = async (query: string) =>
      names(await burst(await watch(query)));
    expect(await initial('?name=payments-api-prod')).toEqual([
      'ADDED argocd/payments-api-prod',
    ]);
    expect(await initial('?name=orders-worker-prod')).toEqual([]);
    expect(
      await initial('?name=orders-worker-prod&appNamespace=team-orders'),
    ).toEqual(['ADDED team-orders/orders-worker-prod']);
    expect(await initial('?projects=orders&projects=inventory')).toEqual([
      'ADDED argocd/inventory-service-prod',
      'ADDED team-orders/orders-worker-prod',
      'ADDED team-orders/orders-worker-staging',
    ]);
    expect(await initial('?project=payments')).toEqual([
      'ADDED argocd/payments-api-prod',
      'ADDED argocd/payments-api-staging',
    ]);
    // As in Argo CD, `projects` wins over the legacy `project`
    expect(await initial('?projects=inventory&project=payments')).toEqual([
      'ADDED argocd/inventory-service-prod',
    ]);
    expect(
      await initial(`?selector=${encodeURIComponent('env=prod,team!=x')}`),
    ).toEqual([
      'ADDED argocd/checkout-web-prod',
      'ADDED argocd/inventory-service-prod',
      'ADDED argocd/payments-api-prod',
      'ADDED team-orders/orders-worker-prod',
    ]);
    // Argo CD compares appNamespace only together with name: alone it filters nothing
    expect(await initial('?appNamespace=team-orders')).toHaveLength(7);
  });

  it('applies the filters to later changes too', async () => {
    const opened = await watch(
      `?resourceVersion=${await listVersion()}&projects=payments`,
    );
    simulator.setApplicationStatus('central', 'checkout-web-prod', {
      health: { status: 'Degraded' },
    });
    simulator.setApplicationStatus('central', 'payments-api-staging', {
      health: { status: 'Degraded' },
    });
    expect(names(await burst(opened))).toEqual([
      'MODIFIED argocd/payments-api-staging',
    ]);
  });

  it('answers a selector that does not parse before streaming, with the error Argo CD gives: 500, code 2', async () => {
    const result = await call(
      simulator,
      'central',
      `/api/v1/stream/applications?selector=${encodeURIComponent(
        'env in prod',
      )}`,
    );
    expect(result.status).toBe(500);
    expect(result.body).toEqual({
      error: "error parsing labels with selectors: found 'prod', expected: '('",
      code: 2,
      message:
        "error parsing labels with selectors: found 'prod', expected: '('",
    });
  });

  it('refuses a missing or wrong token with the 401 of every other route, before streaming', async () => {
    const list = await call(simulator, 'central', '/api/v1/applications', {
      token: null,
    });
    for (const token of [null, 'sim-edge-token']) {
      const result = await call(
        simulator,
        'central',
        '/api/v1/stream/applications',
        { token },
      );
      expect(result.status).toBe(401);
      expect(result.contentType).toBe('application/json');
      expect(result.body.code).toBe(16);
    }
    expect(
      (
        await call(simulator, 'central', '/api/v1/stream/applications', {
          token: null,
        })
      ).body,
    ).toEqual(list.body);
    expect(simulator.openStreams()).toBe(0);
  });

  it("with the list's resourceVersion: no existing apps, then each later change as one MODIFIED line", async () => {
    const listed = await listVersion();
    const opened = await watch(`?resourceVersion=${listed}`);
    expect(opened.status).toBe(200);
    expect(await opened.quietFor(150)).toBe(true);

    const stored = simulator.setApplicationStatus(
      'central',
      'payments-api-staging',
      { health: { status: 'Degraded', message: 'Back-off restarting' } },
    );
    const event = await opened.next();
    expect(event.result.type).toBe('MODIFIED');
    expect(event.result.application).toEqual(stored);
    expect(event.result.application.status.health).toEqual({
      status: 'Degraded',
      message: 'Back-off restarting',
    });
    expect(version(stored)).toBeGreaterThan(Number(listed));

    // The HTTP twin; the rest of status.sync stays
    const answer = await control(
      'POST',
      '/applications/central/payments-api-prod',
      { sync: { status: 'OutOfSync' } },
    );
    expect(answer.status).toBe(200);
    const changed = (await opened.next()).result.application;
    expect(changed).toEqual(await answer.json());
    expect(changed.status.sync).toMatchObject({
      status: 'OutOfSync',
      revision: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(version(changed)).toBe(version(stored) + 1);

    // Writes through the API are changes like any other
    await call(
      simulator,
      'central',
      '/api/v1/applications/checkout-web-prod?refresh=normal',
    );
    expect((await opened.next()).result).toMatchObject({
      type: 'MODIFIED',
      application: { metadata: { name: 'checkout-web-prod' } },
    });
    expect(await opened.quietFor(100)).toBe(true);
    for (const line of opened.rawLines) {
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  it('with name, sends the app as ADDED even with a resourceVersion, unless the app is older than it', async () => {
    const app = simulator.application('central', 'payments-api-staging')!;
    const named = await watch(
      `?name=payments-api-staging&resourceVersion=${app.metadata.resourceVersion}`,
    );
    expect(names(await burst(named))).toEqual([
      'ADDED argocd/payments-api-staging',
    ]);
    // Argo CD skips every app whose resourceVersion is below the one asked, the existing ones included
    const newer = await watch(
      `?name=payments-api-staging&resourceVersion=${version(app) + 1}`,
    );
    expect(await burst(newer)).toEqual([]);
    // A resourceVersion that is no integer counts as 0
    const unparsable = await watch('?resourceVersion=latest');
    expect(await burst(unparsable)).toEqual([]);
    simulator.setApplicationStatus('central', 'payments-api-staging', {
      sync: { status: 'OutOfSync' },
    });
    expect((await unparsable.next()).result.type).toBe('MODIFIED');
  });

  it('does not replay a change made while no stream was open: a client coming back must relist', async () => {
    const before = await listVersion();
    const changed = simulator.setApplicationStatus(
      'central',
      'payments-api-staging',
      { health: { status: 'Degraded' } },
    );
    const opened = await watch(`?resourceVersion=${before}`);
    // Argo CD never answers 410 Gone: the stream just starts from now, the change is not sent
    expect(await opened.quietFor(200)).toBe(true);
    // The resync path: a list has it, and its resourceVersion to watch on from
    const list = await call(simulator, 'central', '/api/v1/applications');
    const staging = list.body.items.find(
      (item: ArgoApplication) => item.metadata.name === 'payments-api-staging',
    );
    expect(staging).toEqual(changed);
    expect(list.body.metadata.resourceVersion).toBe(
      changed.metadata.resourceVersion,
    );
  });

  it('ends abruptly when dropped; a reconnect with the last resourceVersion gets the later changes', async () => {
    const opened = await watch();
    const existing = await burst(opened);
    const last = Math.max(
      ...existing.map(({ result }) => version(result.application)),
    );
    expect(simulator.dropStreams('edge')).toBe(0);
    expect(simulator.dropStreams('central')).toBe(1);
    expect(await opened.ended).toMatchObject({ how: 'error' });
    expect(opened.rawLines).toHaveLength(7); // no error line
    expect(simulator.openStreams('central')).toBe(0);

    const again = await watch(`?resourceVersion=${last}`);
    await until(() => simulator.openStreams('central') === 1);
    simulator.setApplicationStatus('central', 'orders-worker-prod', {
      appNamespace: 'team-orders',
      health: { status: 'Progressing' },
    });
    expect(names([await again.next()])).toEqual([
      'MODIFIED team-orders/orders-worker-prod',
    ]);

    // The HTTP twins
    expect(await (await control('GET', '/streams')).json()).toEqual({
      open: 1,
    });
    const dropped = await control('POST', '/streams/drop?instance=central');
    expect(await dropped.json()).toEqual({ dropped: 1 });
    expect(await again.ended).toMatchObject({ how: 'error' });
    expect(
      await (await control('GET', '/streams?instance=central')).json(),
    ).toEqual({ open: 0 });
  });

  it('stops when the client goes away', async () => {
    const opened = await watch();
    await burst(opened);
    opened.abort();
    await until(() => simulator.openStreams() === 0);
    expect(await opened.ended).toMatchObject({ how: 'error' });
    // Changes after that go nowhere, and break nothing
    expect(
      simulator.setApplicationStatus('central', 'payments-api-prod', {
        health: { status: 'Healthy' },
      }).status?.health,
    ).toEqual({ status: 'Healthy' });
  });

  it('sends DELETED and ADDED events', async () => {
    const opened = await watch(`?resourceVersion=${await listVersion()}`);
    const staging = simulator.application('central', 'payments-api-staging')!;
    const added = simulator.putApplication('central', {
      ...staging,
      metadata: { ...staging.metadata, name: 'payments-api-qa' },
    });
    const addedEvent = await opened.next();
    expect(addedEvent.result).toEqual({ type: 'ADDED', application: added });
    expect(version(added)).toBeGreaterThan(version(staging));
    const list = await call(
      simulator,
      'central',
      '/api/v1/applications?projects=payments&fields=items.metadata.name',
    );
    expect(list.body.items).toEqual([
      { metadata: { name: 'payments-api-prod' } },
      { metadata: { name: 'payments-api-qa' } },
      { metadata: { name: 'payments-api-staging' } },
    ]);

    const deleted = simulator.deleteApplication('central', 'payments-api-qa');
    expect((await opened.next()).result).toEqual({
      type: 'DELETED',
      application: deleted,
    });
    expect(version(deleted)).toBe(version(added) + 1);
    expect(
      (await call(simulator, 'central', '/api/v1/applications/payments-api-qa'))
        .status,
    ).toBe(403);

    // The HTTP twins: PUT adds (or replaces), DELETE deletes
    const put = await control('PUT', '/applications/central/payments-api-qa', {
      ...staging,
      metadata: { ...staging.metadata, name: undefined },
    });
    expect(put.status).toBe(200);
    expect((await opened.next()).result).toMatchObject({
      type: 'ADDED',
      application: {
        metadata: { name: 'payments-api-qa', namespace: 'argocd' },
      },
    });
    const replaced = await control(
      'PUT',
      '/applications/central/payments-api-qa',
      {
        ...staging,
        metadata: { ...staging.metadata, name: 'payments-api-qa' },
      },
    );
    expect(replaced.status).toBe(200);
    expect((await opened.next()).result.type).toBe('MODIFIED');
    const removed = await control(
      'DELETE',
      '/applications/central/payments-api-qa',
    );
    expect(removed.status).toBe(200);
    expect((await opened.next()).result).toEqual({
      type: 'DELETED',
      application: await removed.json(),
    });
  });

  it('sees a reset as changes: MODIFIED with growing resourceVersions, as loaded, for the changed apps only', async () => {
    const loaded = simulator.application('central', 'payments-api-prod')!;
    simulator.setApplicationStatus('central', 'payments-api-prod', {
      health: { status: 'Healthy' },
    });
    simulator.setApplicationStatus('central', 'checkout-web-prod', {
      sync: { status: 'Synced' },
    });
    simulator.deleteApplication('central', 'inventory-service-prod');
    const staging = simulator.application('central', 'payments-api-staging')!;
    simulator.putApplication('central', {
      ...staging,
      metadata: { ...staging.metadata, name: 'payments-api-qa' },
    });
    const listed = await listVersion();
    const opened = await watch(`?resourceVersion=${listed}`);

    await simulator.resetState();
    const events = await burst(opened);
    expect(names(events)).toEqual([
      'DELETED argocd/payments-api-qa',
      'MODIFIED argocd/checkout-web-prod',
      'ADDED argocd/inventory-service-prod',
      'MODIFIED argocd/payments-api-prod',
    ]);
    const versions = events.map(({ result }) => version(result.application));
    expect(versions).toEqual(versions.map((_, i) => Number(listed) + 1 + i));
    const { resourceVersion: _version, ...metadata } = loaded.metadata;
    expect(events[3].result.application).toEqual({
      ...loaded,
      metadata: { ...metadata, resourceVersion: String(versions[3]) },
    });
    // Nothing changed since: a second reset sends nothing
    await simulator.resetState();
    expect(await opened.quietFor(100)).toBe(true);
  });

  it('is recorded and counted like any request, with its status once it began', async () => {
    const opened = await watch('?projects=payments');
    await burst(opened);
    expect(simulator.requestCounts('central')).toEqual({
      central: { 'GET /api/v1/stream/applications': 1 },
    });
    expect(simulator.requests).toEqual([
      expect.objectContaining({
        path: '/api/v1/stream/applications',
        query: { projects: 'payments' },
        status: 200,
      }),
    ]);
  });
});

describe('faults on the watch stream', () => {
  const errorLine = (message: string) => ({
    error: {
      grpc_code: 14,
      http_code: 503,
      message,
      http_status: 'Service Unavailable',
    },
  });

  it('streamError: 200, the error line at once, and the end; other requests neither get nor use it', async () => {
    simulator.setFault('central', { streamError: true, times: 1 });
    expect(
      (await call(simulator, 'central', '/api/v1/applications')).status,
    ).toBe(200);
    const opened = await watch();
    expect(opened.status).toBe(200);
    const line = await opened.next();
    expect(line).toEqual(errorLine('simulated fault: transport is closing'));
    expect(swaggerProblems(line.error, 'runtimeStreamError')).toEqual([]);
    expect(await opened.ended).toEqual({ how: 'end' });
    expect(opened.rawLines).toHaveLength(1);
    expect(simulator.openStreams()).toBe(0);

    // Used up: the next stream is a normal one
    expect(await burst(await watch('?name=payments-api-prod'))).toHaveLength(1);
  });

  it('streamError after some events, with its own message', async () => {
    simulator.setFault('central', {
      streamError: 'grpc: the server has been stopped',
      streamErrorAfterEvents: 3,
    });
    const opened = await watch(`?resourceVersion=${await listVersion()}`);
    simulator.setApplicationStatus('central', 'payments-api-prod', {
      health: { status: 'Healthy' },
    });
    expect((await opened.next()).result.type).toBe('MODIFIED');
    const existing = await watch();
    expect(await existing.ended).toEqual({ how: 'end' });
    expect(existing.rawLines.map(line => JSON.parse(line))).toEqual([
      expect.objectContaining({ result: expect.anything() }),
      expect.objectContaining({ result: expect.anything() }),
      expect.objectContaining({ result: expect.anything() }),
      errorLine('grpc: the server has been stopped'),
    ]);
  });

  it('a status fault refuses the stream before it begins', async () => {
    simulator.setFault('central', {
      status: 503,
      pathIncludes: '/stream/',
      times: 1,
    });
    const refused = await call(
      simulator,
      'central',
      '/api/v1/stream/applications',
    );
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      error: 'simulated fault: Service Unavailable',
      code: 14,
      message: 'simulated fault: Service Unavailable',
    });
    expect(simulator.openStreams()).toBe(0);
  });

  it('truncateAfterBytes cuts the stream mid-line', async () => {
    simulator.setFault('central', { truncateAfterBytes: 100, times: 1 });
    const opened = await watch();
    expect(opened.status).toBe(200);
    expect(await opened.ended).toMatchObject({ how: 'error' });
    expect(opened.rawLines).toEqual([]);
  });
});

it('close() ends the open streams', async () => {
  const own = await startSimulator();
  const opened = await openWatch(own, 'central');
  expect(own.openStreams()).toBe(1);
  await own.close();
  expect(await opened.ended).toMatchObject({ how: 'error' });
});
