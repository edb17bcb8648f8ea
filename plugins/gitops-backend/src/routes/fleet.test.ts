import fs from 'node:fs';
import path from 'node:path';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  loadKubeObjects,
  startKubeApiServer,
  startSimulator,
  type KubeApiServer,
  type Simulator,
} from '@gitops-guide/argocd-simulator';
import type { FleetResponse } from '@gitops-guide/backstage-plugin-gitops-common';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import { startGitOpsBackend } from '../__testUtils__/testBackend';

const EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples');
const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';
/** Holds gitops.fleet.read, like Alice, but may not read payments-api, like Mallory. */
const EVE = 'user:default/eve';
const FLEET_READERS = [ALICE, EVE];
/** Mallory and Eve may not read this entity. */
const HIDDEN_FROM_MALLORY = 'component:default/payments-api';

/** The demo's `gitops` config, pointed at a simulator and a fake cluster on free ports. */
function demoConfig(sim: Simulator, kube: KubeApiServer, watch: boolean) {
  const { gitops } = parse(
    fs.readFileSync(path.join(EXAMPLES_DIR, 'app-config.yaml'), 'utf8'),
  );
  for (const instance of gitops.argocd.instances) {
    instance.url = sim.instanceUrl(instance.name);
    instance.watch = watch;
  }
  for (const cluster of gitops.kubernetes.clusters) {
    cluster.url = kube.url;
    cluster.watch = watch;
  }
  return { ...gitops, actions: { enabled: false } };
}

function demoEntities(): Entity[] {
  return parseAllDocuments(
    fs.readFileSync(path.join(EXAMPLES_DIR, 'catalog-info.yaml'), 'utf8'),
  ).map(doc => doc.toJS() as Entity);
}

const userOf = (options: unknown) => {
  const principal = (options as any)?.credentials?.principal;
  return principal?.type === 'user' ? principal.userEntityRef : undefined;
};

/** One line per row: `instance/name owner,… [set] [^parent]`. */
function rows(answer: FleetResponse['applications']): string[] {
  return answer.map(row =>
    `${row.application.instance}/${row.application.name} ${row.claimedBy
      .map(claimant => claimant.owner)
      .join(',')}${row.applicationSet ? ` set:${row.applicationSet}` : ''}${
      row.parent ? ` parent:${row.parent}` : ''
    }`.trim(),
  );
}

describe.each([false, true])('GET /fleet (watch: %s)', watch => {
  let sim: Simulator;
  let kube: KubeApiServer;
  let server: Awaited<ReturnType<typeof startGitOpsBackend>>['server'];
  let backend: Awaited<ReturnType<typeof startGitOpsBackend>>['backend'];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    kube = await startKubeApiServer({ objects: await loadKubeObjects() });
    const catalog = catalogServiceMock({ entities: demoEntities() });
    const catalogFactory = catalogServiceMock.mock({
      // The catalog's read rule: Mallory cannot read payments-api.
      async *streamEntities(req, options) {
        for await (const page of catalog.streamEntities(req, options)) {
          yield page.filter(
            entity =>
              ![MALLORY, EVE].includes(userOf(options)) ||
              stringifyEntityRef(entity) !== HIDDEN_FROM_MALLORY,
          );
        }
      },
    }).factory;
    ({ server, backend } = await startGitOpsBackend({
      config: { gitops: demoConfig(sim, kube, watch) },
      catalog: catalogFactory,
      features: [
        mockServices.permissions.mock({
          authorize: async (requests, options) =>
            requests.map(() => ({
              result: FLEET_READERS.includes(userOf(options))
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
            })),
        }).factory,
      ],
    }));
  });

  afterAll(async () => {
    await backend.stop();
    await sim.close();
    await kube.close();
  });

  const fleetFor = (user: string) =>
    request(server)
      .get('/api/gitops/fleet')
      .set('authorization', mockCredentials.user.header(user));

  beforeEach(() => sim.resetRequests());

  it('lists the demo’s applications with their owners, most urgent first', async () => {
    const res = await fleetFor(ALICE);
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.fleet, 200, res.body)).toEqual([]);
    const body = res.body as FleetResponse;
    expect(body.errors).toEqual([]);
    expect(rows(body.applications)).toEqual(
      expect.arrayContaining([
        'central/payments-api-prod group:default/payments-team set:payments-api',
        'edge/payments-api-dev group:default/payments-team set:payments-api',
        'central/checkout-web-prod group:default/storefront-team',
        'demo-cluster/notifications-service group:default/fulfilment-team',
        'demo-cluster/billing-api-prod group:default/payments-team parent:platform-apps',
        'demo-cluster/billing-api-staging group:default/payments-team parent:platform-apps',
      ]),
    );
    expect(body.applications).toHaveLength(16);
    expect(
      body.applications.find(
        row => row.application.name === 'checkout-web-prod',
      )?.claimedBy,
    ).toEqual([
      {
        entityRef: 'component:default/checkout-web',
        owner: 'group:default/storefront-team',
      },
    ]);
    // The catalog's blind spot: the platform team's app of apps.
    expect(rows(body.unclaimed!)).toEqual(['demo-cluster/platform-apps']);
    expect(body.unclaimedHidden).toBeUndefined();
    // Sorted by what needs attention: nothing healthy before something that is not.
    const healthy = body.applications.findIndex(
      row =>
        row.application.health.status === 'Healthy' &&
        row.application.sync.status === 'Synced' &&
        !row.application.operation?.phase?.match(/Running|Failed|Error/),
    );
    expect(
      body.applications
        .slice(healthy)
        .some(row => row.application.health.status === 'Degraded'),
    ).toBe(false);
  });

  it('shows nothing of an entity the viewer may not read, and no unclaimed applications without gitops.fleet.read', async () => {
    const res = await fleetFor(MALLORY);
    expect(res.status).toBe(200);
    const body = res.body as FleetResponse;
    const names = body.applications.map(row => row.application.name);
    expect(names).toHaveLength(13);
    expect(names.filter(name => name.startsWith('payments-api'))).toEqual([]);
    expect(body.unclaimed).toBeUndefined();
    expect(body.unclaimedHidden).toBe(true);
    // The parent is unclaimed, which Mallory may not see: no link to it either.
    expect(body.applications.some(row => row.parent)).toBe(false);
    expect(JSON.stringify(body)).not.toContain('platform-apps');
  });

  it('never lists an application claimed by an unreadable entity as unclaimed', async () => {
    const body = (await fleetFor(EVE)).body as FleetResponse;
    expect(rows(body.unclaimed!)).toEqual(['demo-cluster/platform-apps']);
    expect(JSON.stringify(body)).not.toContain('payments-api');
  });

  it('refuses a caller without credentials', async () => {
    const res = await request(server)
      .get('/api/gitops/fleet')
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(responseErrors(ROUTES.fleet, 401, res.body)).toEqual([]);
  });

  if (watch) {
    it('answers from the watches’ memory without calling Argo CD', async () => {
      await fleetFor(ALICE);
      expect(sim.requests).toEqual([]);
    });
  } else {
    it('reports an unreachable instance and still lists the others', async () => {
      sim.setFault('edge', { status: 500 });
      try {
        const res = await request(server)
          .get('/api/gitops/fleet?refresh=true')
          .set('authorization', mockCredentials.user.header(ALICE));
        const body = res.body as FleetResponse;
        expect(res.status).toBe(200);
        expect(body.errors).toEqual([
          expect.objectContaining({ instance: 'edge', code: 'bad-response' }),
        ]);
        expect(
          body.applications.filter(row => row.application.instance === 'edge'),
        ).toEqual([]);
        expect(
          body.applications.filter(row => row.application.instance !== 'edge'),
        ).toHaveLength(12);
      } finally {
        sim.setFault('edge', undefined);
      }
      // Refreshes are shared: a second one inside the interval reads the cache.
      sim.resetRequests();
      await request(server)
        .get('/api/gitops/fleet?refresh=true')
        .set('authorization', mockCredentials.user.header(MALLORY));
      expect(sim.requests).toEqual([]);
    });
  }
});
