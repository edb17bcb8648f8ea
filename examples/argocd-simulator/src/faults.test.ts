import { call } from './__testUtils__/call';
import { startSimulator } from './server';
import type { Simulator } from './types';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator();
});

afterEach(() => {
  simulator.setFault('central', undefined);
  simulator.setFault('edge', undefined);
  simulator.setLatency(0);
});

afterAll(() => simulator.close());

const apps = (instance = 'central', signal?: AbortSignal) =>
  call(simulator, instance, '/api/v1/applications?fields=items.metadata.name', {
    signal,
  });

describe('faults', () => {
  it('answers with an injected status and an Argo CD error body', async () => {
    simulator.setFault('central', { status: 503 });
    const result = await apps();
    expect(result.status).toBe(503);
    expect(result.body).toEqual({
      error: 'simulated fault: Service Unavailable',
      code: 14,
      message: 'simulated fault: Service Unavailable',
    });
    expect((await apps('edge')).status).toBe(200);
  });

  it('sends a given body as JSON or text', async () => {
    simulator.setFault('central', {
      status: 403,
      body: { error: 'denied', code: 7, message: 'denied' },
    });
    expect((await apps()).body).toEqual({
      error: 'denied',
      code: 7,
      message: 'denied',
    });
    simulator.setFault('central', { status: 500, body: 'upstream exploded' });
    const text = await apps();
    expect(text.text).toBe('upstream exploded');
    expect(text.contentType).toBe('text/plain; charset=utf-8');
  });

  it('answers 502 and 504 with the HTML page of the proxy in front of Argo CD', async () => {
    simulator.setFault('central', { status: 502 });
    const result = await apps();
    expect(result.status).toBe(502);
    expect(result.contentType).toBe('text/html');
    expect(result.text).toContain('<title>502 Bad Gateway</title>');
    expect(result.body).toBeUndefined();
  });

  it('never answers with timeout, until the client gives up', async () => {
    simulator.setFault('central', { timeout: true });
    const started = Date.now();
    await expect(apps('central', AbortSignal.timeout(300))).rejects.toThrow(
      /aborted/i,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers 200 with a body that is not valid JSON with malformed', async () => {
    simulator.setFault('central', { malformed: true });
    const result = await apps();
    expect(result.status).toBe(200);
    expect(result.contentType).toBe('application/json');
    expect(() => JSON.parse(result.text)).toThrow(SyntaxError);
  });

  it('delays the real answer with latencyMs', async () => {
    simulator.setFault('central', { latencyMs: 250 });
    const started = Date.now();
    const result = await apps();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(result.status).toBe(200);
    expect(result.body.items).toHaveLength(7);
  });

  it('delays every instance with setLatency', async () => {
    simulator.setLatency(200);
    const started = Date.now();
    const [central, edge] = await Promise.all([apps('central'), apps('edge')]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect([central.status, edge.status]).toEqual([200, 200]);
  });

  it('clears itself after `times` matching requests', async () => {
    simulator.setFault('central', { status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await apps()).status);
    }
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('only hits paths containing pathIncludes, and counts only those', async () => {
    simulator.setFault('central', {
      status: 504,
      pathIncludes: '/resource-tree',
      times: 1,
    });
    expect((await apps()).status).toBe(200);
    const tree = await call(
      simulator,
      'central',
      '/api/v1/applications/payments-api-prod/resource-tree',
    );
    expect(tree.status).toBe(504);
    const again = await call(
      simulator,
      'central',
      '/api/v1/applications/payments-api-prod/resource-tree',
    );
    expect(again.status).toBe(200);
  });

  it('hangs only revision metadata with pathIncludes /metadata and timeout (hanging metadata endpoint)', async () => {
    simulator.setFault('central', { pathIncludes: '/metadata', timeout: true });
    const app = '/api/v1/applications/payments-api-prod';
    const answered = await Promise.all([
      apps(),
      call(simulator, 'central', app),
      call(simulator, 'central', `${app}/resource-tree`),
    ]);
    expect(answered.map(r => r.status)).toEqual([200, 200, 200]);
    const revision = answered[1].body.status.history[0].revision;
    await expect(
      call(simulator, 'central', `${app}/revisions/${revision}/metadata`, {
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow(/aborted/i);
    // The fault has no `times`: it holds every metadata request until cleared
    await expect(
      call(simulator, 'central', `${app}/revisions/${revision}/metadata`, {
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow(/aborted/i);
    simulator.setFault('central', undefined);
    const metadata = await call(
      simulator,
      'central',
      `${app}/revisions/${revision}/metadata`,
    );
    expect(metadata.status).toBe(200);
    expect(metadata.body.author).toEqual(expect.any(String));
  });

  it('rejects faults that would do nothing and unknown instances', () => {
    expect(() => simulator.setFault('central', {})).toThrow(
      'A fault needs at least one of',
    );
    expect(() => simulator.setFault('central', { status: 42 })).toThrow(
      'Invalid fault status 42',
    );
    expect(() => simulator.setFault('west', { status: 500 })).toThrow(
      'Unknown instance west',
    );
  });

  it('checks the watch stream fields', () => {
    expect(() =>
      simulator.setFault('central', { streamErrorAfterEvents: 2 }),
    ).toThrow('streamErrorAfterEvents is a non-negative integer');
    expect(() =>
      simulator.setFault('central', {
        streamError: true,
        streamErrorAfterEvents: -1,
      }),
    ).toThrow('streamErrorAfterEvents is a non-negative integer');
    expect(() => simulator.setFault('central', { streamError: '' })).toThrow(
      'Invalid fault streamError',
    );
    expect(() => simulator.setFault('central', { streamError: false })).toThrow(
      'A fault needs at least one of',
    );
    simulator.setFault('central', { streamError: 'gone' });
  });
});
