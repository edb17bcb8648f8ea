import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import {
  simulatorConfig,
  startGitOpsBackend,
} from '../__testUtils__/testBackend';

const SELECTOR = {
  'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
  'argocd/instance-name': 'central',
};
const entities = [
  componentWith('payments-api', SELECTOR),
  // Another entity with the same annotations: the same upstream list.
  componentWith('payments-twin', SELECTOR),
];

const LIST = 'central GET /api/v1/applications';
const DETAIL = [
  LIST,
  'central GET /api/v1/applications/payments-api-prod',
  'central GET /api/v1/applications/payments-api-prod/resource-tree',
];

describe('refresh=true on the application routes', () => {
  let sim: Simulator;
  /** How far the tests moved the clock forward. */
  let skewMs = 0;
  const realNow = Date.now.bind(Date);

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + skewMs);
  });

  beforeEach(() => {
    skewMs = 0;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await sim.close();
  });

  /** One instance with a static token, so every recorded request is an API call; the cache outlives the tests. */
  async function start(refresh: object = {}) {
    const { server } = await startGitOpsBackend({
      config: {
        gitops: {
          argocd: simulatorConfig(sim, { cacheTtlSeconds: 600 }),
          refresh,
        },
      },
      entities,
    });
    return server;
  }

  /** Upstream calls made by `send`, revision metadata left out. */
  async function callsOf(send: () => Promise<unknown>) {
    sim.resetRequests();
    await send();
    return sim.requests
      .map(r => `${r.instance} ${r.method} ${r.path}`)
      .filter(call => !call.endsWith('/metadata'))
      .sort();
  }

  const list = (server: unknown, entity: string, query = '') =>
    request(server as never).get(`${applicationsPath(entity)}${query}`);
  const detail = (server: unknown, entity: string, query = '') =>
    request(server as never).get(
      `${applicationsPath(entity)}/central/payments-api-prod${query}`,
    );

  it('reads the list upstream once per entity and interval, and answers from the cache otherwise', async () => {
    const server = await start();
    const cold = await list(server, 'payments-api');
    expect(cold.status).toBe(200);
    expect(cold.body.applications.map((app: any) => app.name)).toEqual([
      'payments-api-prod',
      'payments-api-staging',
    ]);

    expect(await callsOf(() => list(server, 'payments-api'))).toEqual([]);

    let refreshed: request.Response | undefined;
    expect(
      await callsOf(async () => {
        refreshed = await list(server, 'payments-api', '?refresh=true');
      }),
    ).toEqual([LIST]);
    expect(refreshed!.status).toBe(200);
    expect(refreshed!.body).toEqual(cold.body);
    expect(responseErrors(ROUTES.applications, 200, refreshed!.body)).toEqual(
      [],
    );

    // Inside the interval: the cache answers, without an error.
    const again = await list(server, 'payments-api', '?refresh=true');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(cold.body);
    expect(
      await callsOf(() => list(server, 'payments-api', '?refresh=true')),
    ).toEqual([]);

    // The limit is per entity: the twin's refresh reads upstream.
    expect(
      await callsOf(() => list(server, 'payments-twin', '?refresh=true')),
    ).toEqual([LIST]);

    skewMs = 9_000;
    expect(
      await callsOf(() => list(server, 'payments-api', '?refresh=true')),
    ).toEqual([]);
    skewMs = 10_000;
    expect(
      await callsOf(() => list(server, 'payments-api', '?refresh=true')),
    ).toEqual([LIST]);
    // A plain request after a refresh is answered from the refreshed cache.
    expect(await callsOf(() => list(server, 'payments-api'))).toEqual([]);
  });

  it('limits an entity whatever the case of its ref in the URL', async () => {
    const server = await start();
    await list(server, 'payments-api', '?refresh=true');
    let res: request.Response | undefined;
    expect(
      await callsOf(async () => {
        res = await request(server).get(
          '/api/gitops/entities/Component/default/Payments-API/applications?refresh=true',
        );
      }),
    ).toEqual([]);
    expect(res!.status).toBe(200);
    expect(res!.body.applications).toHaveLength(2);
  });

  it('coalesces concurrent refreshes into one upstream call, also across entities', async () => {
    const server = await start();
    await list(server, 'payments-api');
    sim.setLatency(50);
    try {
      const calls = await callsOf(async () => {
        const responses = await Promise.all([
          list(server, 'payments-api', '?refresh=true'),
          list(server, 'payments-api', '?refresh=true'),
          list(server, 'payments-twin', '?refresh=true'),
          list(server, 'payments-twin'),
        ]);
        for (const res of responses) {
          expect(res.status).toBe(200);
          expect(res.body.applications).toHaveLength(2);
        }
      });
      expect(calls).toEqual([LIST]);
    } finally {
      sim.setLatency(0);
    }
  });

  it('refreshes a detail (list, application, resource tree) once per application and interval; revision metadata stays cached', async () => {
    const server = await start();
    const cold = await detail(server, 'payments-api', '?include=guidance');
    expect(cold.status).toBe(200);
    expect(await callsOf(() => detail(server, 'payments-api'))).toEqual([]);

    sim.resetRequests();
    const refreshed = await detail(
      server,
      'payments-api',
      '?include=guidance&refresh=true',
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual(cold.body);
    expect(sim.requests.filter(r => r.path.endsWith('/metadata'))).toEqual([]);
    expect(
      sim.requests.map(r => `${r.instance} ${r.method} ${r.path}`).sort(),
    ).toEqual(DETAIL);

    // The guidance route is the same detail: same limit.
    expect(
      await callsOf(() =>
        request(server).get(
          `${applicationsPath(
            'payments-api',
          )}/central/payments-api-prod/guidance?refresh=true`,
        ),
      ),
    ).toEqual([]);
    // Another application of the entity has its own interval.
    expect(
      await callsOf(() =>
        request(server).get(
          `${applicationsPath(
            'payments-api',
          )}/central/payments-api-staging?refresh=true`,
        ),
      ),
    ).toEqual([
      LIST,
      'central GET /api/v1/applications/payments-api-staging',
      'central GET /api/v1/applications/payments-api-staging/resource-tree',
    ]);
    expect(
      await callsOf(() => detail(server, 'payments-twin', '?refresh=true')),
    ).toEqual(DETAIL);

    skewMs = 10_000;
    expect(
      await callsOf(() => detail(server, 'payments-api', '?refresh=true')),
    ).toEqual(DETAIL);
  });

  it('coalesces concurrent detail refreshes', async () => {
    const server = await start();
    await detail(server, 'payments-api');
    sim.setLatency(20);
    try {
      const calls = await callsOf(() =>
        Promise.all([
          detail(server, 'payments-api', '?refresh=true'),
          detail(server, 'payments-twin', '?refresh=true'),
          detail(server, 'payments-twin', '?include=guidance&refresh=true'),
        ]),
      );
      expect(calls).toEqual(DETAIL);
    } finally {
      sim.setLatency(0);
    }
  });

  it('lets every refresh through when gitops.refresh.minIntervalSeconds is 0', async () => {
    const server = await start({ minIntervalSeconds: 0 });
    await list(server, 'payments-api', '?refresh=true');
    expect(
      await callsOf(() => list(server, 'payments-api', '?refresh=true')),
    ).toEqual([LIST]);
  });

  it('takes refresh=false as a plain request', async () => {
    const server = await start();
    await list(server, 'payments-api');
    expect(
      await callsOf(() => list(server, 'payments-api', '?refresh=false')),
    ).toEqual([]);
  });

  it.each([
    ['list', applicationsPath('payments-api')],
    ['detail', `${applicationsPath('payments-api')}/central/payments-api-prod`],
    [
      'guidance',
      `${applicationsPath('payments-api')}/central/payments-api-prod/guidance`,
    ],
  ])(
    'answers 400 for a refresh that is not true or false (%s)',
    async (_route, path) => {
      const server = await start();
      sim.resetRequests();
      for (const query of [
        'refresh=yes',
        'refresh=1',
        'refresh=true&refresh=true',
      ]) {
        const res = await request(server).get(`${path}?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error).toEqual(
          expect.objectContaining({
            name: 'InputError',
            message:
              "Invalid query parameter refresh: must be 'true' or 'false'",
          }),
        );
      }
      expect(sim.requests).toEqual([]);
    },
  );

  it('stops the backend at startup on a bad minIntervalSeconds', async () => {
    await expect(start({ minIntervalSeconds: -1 })).rejects.toThrow(
      /gitops\.refresh\.minIntervalSeconds/,
    );
  });
});
