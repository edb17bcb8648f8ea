import { rawGet, type RawResult } from './__testUtils__/rawGet';
import { swaggerProblems } from './__testUtils__/swaggerShape';
import { startSimulator } from './server';
import type { Simulator } from './types';

/** Faults that shape the body of a 200: oversized, truncated. */

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator();
});

afterEach(() => {
  simulator.setFault('central', undefined);
  simulator.resetRequests();
});

afterAll(() => simulator.close());

const MiB = 1024 * 1024;

const get = (
  path: string,
  options: { stopAfterBytes?: number } = {},
): Promise<RawResult> =>
  rawGet(
    `${simulator.instanceUrl('central')}${path}`,
    { authorization: `Bearer ${simulator.token('central')}` },
    options,
  );

interface AppItem {
  metadata: { name: string; uid: string };
}

describe('oversizeBytes', () => {
  it('streams a valid application list of at least that size, chunked, with distinct names', async () => {
    simulator.setFault('central', { oversizeBytes: 3 * MiB });
    const result = await get('/api/v1/applications?selector=env%3Dprod');
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/json');
    expect(result.headers['transfer-encoding']).toBe('chunked');
    expect(result.headers['content-length']).toBeUndefined();
    expect(result.complete).toBe(true);
    expect(result.body.length).toBeGreaterThanOrEqual(3 * MiB);

    const list = JSON.parse(result.body.toString('utf8'));
    expect(list.metadata).toEqual({});
    const names = list.items.map((item: AppItem) => item.metadata.name);
    expect(names[0]).toBe('oversize-00000001');
    expect(new Set(names).size).toBe(names.length);
    expect(
      new Set(list.items.map((item: AppItem) => item.metadata.uid)).size,
    ).toBe(names.length);
    expect(
      swaggerProblems(
        { items: list.items.slice(0, 3) },
        'v1alpha1ApplicationList',
      ),
    ).toEqual([]);
    expect(list.items[0].status.history).toHaveLength(10);
  });

  it('sends a content-length with withContentLength', async () => {
    simulator.setFault('central', {
      oversizeBytes: MiB,
      withContentLength: true,
    });
    const result = await get('/api/v1/applications');
    expect(result.headers['transfer-encoding']).toBeUndefined();
    expect(Number(result.headers['content-length'])).toBe(result.body.length);
    expect(result.body.length).toBeGreaterThanOrEqual(MiB);
    expect(() => JSON.parse(result.body.toString('utf8'))).not.toThrow();
  });

  it('stops writing when the client gives up, and records the 200 it had started', async () => {
    // How the writer itself stops (backpressure, 'close') is tested in chunkedWriter.test.ts
    simulator.setFault('central', { oversizeBytes: 1024 * MiB });
    const result = await get('/api/v1/applications', {
      stopAfterBytes: 2 * MiB,
    });
    expect(result.complete).toBe(false);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(simulator.requests).toEqual([
      expect.objectContaining({ path: '/api/v1/applications', status: 200 }),
    ]);
    // The simulator is free for the next request
    simulator.setFault('central', undefined);
    expect((await get('/api/v1/applications')).status).toBe(200);
  });

  it('combines with pathIncludes and times like any fault', async () => {
    simulator.setFault('central', {
      oversizeBytes: 256 * 1024,
      pathIncludes: '/api/v1/applications',
      times: 1,
    });
    expect((await get('/api/version')).body.length).toBeLessThan(1000);
    expect(
      (await get('/api/v1/applications')).body.length,
    ).toBeGreaterThanOrEqual(256 * 1024);
    const normal = JSON.parse(
      (await get('/api/v1/applications')).body.toString('utf8'),
    );
    expect(normal.items).toHaveLength(7);
  });
});

describe('truncateAfterBytes', () => {
  it('announces the real answer and cuts it after that many bytes', async () => {
    const whole = await get('/api/v1/applications/payments-api-prod');
    simulator.setFault('central', { truncateAfterBytes: 200 });
    const cut = await get('/api/v1/applications/payments-api-prod');
    expect(cut.status).toBe(200);
    expect(cut.headers['content-type']).toBe('application/json');
    expect(Number(cut.headers['content-length'])).toBe(whole.body.length);
    expect(cut.complete).toBe(false);
    expect(cut.body).toEqual(whole.body.subarray(0, 200));
    expect(simulator.requests.at(-1)?.status).toBe(200);
  });

  it('cuts an oversized list part-way, with the content-length of all of it', async () => {
    simulator.setFault('central', {
      oversizeBytes: 2 * MiB,
      truncateAfterBytes: MiB + 3,
    });
    const cut = await get('/api/v1/applications');
    expect(Number(cut.headers['content-length'])).toBeGreaterThanOrEqual(
      2 * MiB,
    );
    expect(cut.complete).toBe(false);
    expect(cut.body.length).toBe(MiB + 3);
  });
});

describe('validation of body faults', () => {
  it.each([
    [{ oversizeBytes: 0 }, 'Invalid fault oversizeBytes 0'],
    [{ oversizeBytes: 2 ** 33 }, 'Invalid fault oversizeBytes'],
    [{ oversizeBytes: 1.5 }, 'Invalid fault oversizeBytes 1.5'],
    [{ truncateAfterBytes: -1 }, 'Invalid fault truncateAfterBytes -1'],
    [{ status: 500, withContentLength: true }, 'needs oversizeBytes'],
  ])('rejects %j', (fault, message) => {
    expect(() => simulator.setFault('central', fault)).toThrow(message);
  });

  it('takes the body faults through the control endpoint', async () => {
    const set = await fetch(`${simulator.url}/_sim/faults/central`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oversizeBytes: 65536, times: 1 }),
    });
    expect(set.status).toBe(200);
    const list = JSON.parse(
      (await get('/api/v1/applications')).body.toString('utf8'),
    );
    expect(list.items.length).toBeGreaterThan(7);
  });
});
