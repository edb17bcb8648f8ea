import { mockCredentials } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import { readRuleServices } from '../__testUtils__/readRule';
import {
  simulatorConfig,
  startGitOpsBackend,
  type LogLine,
} from '../__testUtils__/testBackend';

const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';

const paymentsApiProd = componentWith('payments-api-prod', {
  'argocd/app-name': 'payments-api-prod',
});
const paymentsApi = componentWith('payments-api', {
  'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
});
/** Only Alice may read this one. */
const secretService = componentWith('secret-service', {
  'argocd/app-name': 'checkout-web-prod',
});

const LONG = 'a'.repeat(10 * 1024);

/** Entities whose annotations try to reach other Argo CD paths or inject query parameters. */
const hostileAnnotations: Record<string, Record<string, string>> = {
  'name-traversal': { 'argocd/app-name': '../../api/v1/session' },
  'name-slash': { 'argocd/app-name': 'payments-api-prod/resource-tree' },
  'name-encoded-slash': { 'argocd/app-name': 'payments%2Fapi' },
  'name-query': { 'argocd/app-name': 'payments-api-prod?project=x' },
  'name-ampersand': { 'argocd/app-name': 'payments-api-prod&selector=a' },
  'name-long': { 'argocd/app-name': LONG },
  'selector-ampersand': {
    'argocd/app-selector': 'app=x&name=payments-api-prod',
  },
  'selector-query': { 'argocd/app-selector': 'app=x?fields=spec' },
  'selector-long': { 'argocd/app-selector': `app=${LONG}` },
  'namespace-traversal': {
    'argocd/app-name': 'payments-api-prod',
    'argocd/app-namespace': '../argocd',
  },
  'project-ampersand': {
    'argocd/app-name': 'payments-api-prod',
    'argocd/project-name': 'payments&projects=default',
  },
  'instance-traversal': {
    'argocd/app-name': 'payments-api-prod',
    'argocd/instance-name': '../edge',
  },
};

describe('application routes: access and input safety', () => {
  let sim: Simulator;
  let server: Awaited<ReturnType<typeof startGitOpsBackend>>['server'];
  let logs: LogLine[];
  /** Every entity read the plugin made, with the credentials it made it with. */
  let catalogReads: { request: unknown; options: unknown }[];
  /** Users whose read of every entity was taken away during a test. */
  const revoked = new Set<string>();
  /** Every `catalog.entity.read` check the plugin asked for. */
  let readChecks: { entityRef: string; credentials: unknown }[];

  const entities: Entity[] = [
    paymentsApiProd,
    paymentsApi,
    secretService,
    componentWith('kept-service', { 'argocd/app-name': 'payments-api-prod' }),
    componentWith('legit-selector', {
      'argocd/app-selector':
        'app.kubernetes.io/part-of in (payments-api, nothing),env!=dev',
    }),
    ...Object.entries(hostileAnnotations).map(([name, annotations]) =>
      componentWith(name, annotations),
    ),
  ];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    // Mallory cannot read the secret service, however the plugin asks.
    catalogReads = [];
    readChecks = [];
    const [catalog, permissions] = readRuleServices(
      entities,
      (entityRef, user) =>
        !revoked.has(user) &&
        (user === ALICE || entityRef !== stringifyEntityRef(secretService)),
      {
        onCatalogRead: (batch, options) =>
          catalogReads.push({ request: batch, options }),
        onReadCheck: (entityRef, credentials) =>
          readChecks.push({ entityRef, credentials }),
      },
    );
    ({ server, logs } = await startGitOpsBackend({
      config: { gitops: { argocd: simulatorConfig(sim) } },
      catalog,
      features: [permissions],
    }));
  });

  beforeEach(() => {
    sim.resetRequests();
    catalogReads.length = 0;
    readChecks.length = 0;
    revoked.clear();
  });

  afterAll(async () => {
    await sim.close();
  });

  const asUser = (user: string) => mockCredentials.user.header(user);

  describe('an entity the caller cannot read', () => {
    it('answers exactly like a missing entity, without calling Argo CD', async () => {
      const hidden = await request(server)
        .get(applicationsPath('secret-service'))
        .set('authorization', asUser(MALLORY));
      const missing = await request(server)
        .get(applicationsPath('no-such-service'))
        .set('authorization', asUser(MALLORY));

      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(responseErrors(ROUTES.applications, 404, hidden.body)).toEqual([]);
      expect(hidden.body.error).toEqual({
        name: 'NotFoundError',
        message: "No entity found for ref 'component:default/secret-service'",
      });
      expect(missing.body.error).toEqual({
        name: 'NotFoundError',
        message: "No entity found for ref 'component:default/no-such-service'",
      });
      expect(sim.requests).toEqual([]);
    });

    it('hides the detail too, without calling Argo CD', async () => {
      const res = await request(server)
        .get(`${applicationsPath('secret-service')}/central/checkout-web-prod`)
        .set('authorization', asUser(MALLORY));
      expect(res.status).toBe(404);
      expect(res.body.error.name).toBe('NotFoundError');
      expect(sim.requests).toEqual([]);
    });

    it('asks whether the caller may read the entity on every load, and reads nothing of it for a caller who may not', async () => {
      for (let i = 0; i < 2; i++) {
        const res = await request(server)
          .get(applicationsPath('secret-service'))
          .set('authorization', asUser(MALLORY));
        expect(res.status).toBe(404);
      }
      expect(readChecks).toHaveLength(2);
      for (const check of readChecks) {
        expect(check.entityRef).toBe('component:default/secret-service');
        expect((check.credentials as any).principal).toMatchObject({
          type: 'user',
          userEntityRef: MALLORY,
        });
      }
      expect(catalogReads).toEqual([]);
      expect(sim.requests).toEqual([]);
    });

    it("reads only the entity's ref and annotations, with the plugin's credentials, once while they are kept", async () => {
      for (let i = 0; i < 3; i++) {
        const res = await request(server)
          .get(applicationsPath('kept-service'))
          .set('authorization', asUser(ALICE));
        expect(res.status).toBe(200);
      }
      expect(readChecks).toHaveLength(3);
      expect(catalogReads).toHaveLength(1);
      expect(catalogReads[0].request).toEqual({
        entityRefs: ['component:default/kept-service'],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      });
      expect((catalogReads[0].options as any).credentials.principal).toEqual({
        type: 'service',
        subject: 'plugin:gitops',
      });
    });

    it('answers 404 at the next load after the read is taken away: no decision is kept', async () => {
      const before = await request(server)
        .get(applicationsPath('secret-service'))
        .set('authorization', asUser(ALICE));
      expect(before.status).toBe(200);
      revoked.add(ALICE);
      const after = await request(server)
        .get(applicationsPath('secret-service'))
        .set('authorization', asUser(ALICE));
      expect(after.status).toBe(404);
      expect(after.body.error).toEqual({
        name: 'NotFoundError',
        message: "No entity found for ref 'component:default/secret-service'",
      });
    });

    it('answers 404 again after the entity was shown to someone who may read it', async () => {
      const allowed = await request(server)
        .get(applicationsPath('secret-service'))
        .set('authorization', asUser(ALICE));
      expect(allowed.status).toBe(200);
      sim.resetRequests();

      const denied = await request(server)
        .get(applicationsPath('secret-service'))
        .set('authorization', asUser(MALLORY));
      expect(denied.status).toBe(404);
      expect(denied.body.error).toEqual({
        name: 'NotFoundError',
        message: "No entity found for ref 'component:default/secret-service'",
      });
      expect(sim.requests).toEqual([]);
    });

    it('shows it to a caller who may read it', async () => {
      const res = await request(server)
        .get(applicationsPath('secret-service'))
        .set('authorization', asUser(ALICE));
      expect(res.status).toBe(200);
      expect(res.body.applications.map((app: any) => app.name)).toEqual([
        'checkout-web-prod',
      ]);
    });
  });

  describe('credentials', () => {
    it('accepts service credentials', async () => {
      const res = await request(server)
        .get(applicationsPath('payments-api-prod'))
        .set('authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      expect(res.body.applications.map((app: any) => app.name)).toEqual([
        'payments-api-prod',
      ]);
    });

    it('rejects unauthenticated callers', async () => {
      const res = await request(server)
        .get(applicationsPath('payments-api-prod'))
        .set('authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
      expect(sim.requests).toEqual([]);
    });
  });

  describe('applications the entity does not select', () => {
    it.each([
      ['another application', 'central/checkout-web-prod'],
      ['the right name on an unknown instance', 'nowhere/payments-api-prod'],
    ])('answers 404 for %s without calling Argo CD', async (_, tail) => {
      const res = await request(server).get(
        `${applicationsPath('payments-api-prod')}/${tail}`,
      );
      expect(res.status).toBe(404);
      expect(responseErrors(ROUTES.application, 404, res.body)).toEqual([]);
      expect(res.body.error.name).toBe('NotFoundError');
      expect(sim.requests).toEqual([]);
    });

    it('answers 404 for the right name in another namespace without calling Argo CD', async () => {
      const entity = await startGitOpsBackend({
        config: { gitops: { argocd: simulatorConfig(sim) } },
        entities: [
          componentWith('orders', {
            'argocd/app-name': 'orders-worker-prod',
            'argocd/app-namespace': 'team-orders',
          }),
        ],
      });
      sim.resetRequests();
      const res = await request(entity.server).get(
        `${applicationsPath(
          'orders',
        )}/central/orders-worker-prod?appNamespace=argocd`,
      );
      expect(res.status).toBe(404);
      expect(sim.requests).toEqual([]);
    });

    it('checks selector membership with the list, never with a detail call', async () => {
      const res = await request(server).get(
        `${applicationsPath('payments-api')}/central/checkout-web-prod`,
      );
      expect(res.status).toBe(404);
      expect(sim.requests.map(r => `${r.method} ${r.path}`)).toEqual([
        'GET /api/v1/applications',
      ]);
      expect(sim.requests[0].query).toEqual({
        selector: 'app.kubernetes.io/part-of=payments-api',
      });
    });

    it('answers 404 for an application of the selector in another project', async () => {
      const scoped = await startGitOpsBackend({
        config: { gitops: { argocd: simulatorConfig(sim) } },
        entities: [
          componentWith('payments-api', {
            'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
            'argocd/project-name': 'checkout',
          }),
        ],
      });
      sim.resetRequests();
      const res = await request(scoped.server).get(
        `${applicationsPath('payments-api')}/central/payments-api-prod`,
      );
      expect(res.status).toBe(404);
      expect(sim.requests.map(r => r.path)).toEqual(['/api/v1/applications']);
    });
  });

  describe('hostile route values', () => {
    const base = applicationsPath('payments-api-prod');
    it.each([
      ['application ../', `${base}/central/..%2F..%2Fapi%2Fv1%2Fsession`],
      ['application %2F', `${base}/central/payments-api-prod%2Fresource-tree`],
      ['application %252F', `${base}/central/payments%252Fapi`],
      ['application ?', `${base}/central/payments-api-prod%3Fproject%3Dx`],
      ['application &', `${base}/central/payments-api-prod%26name%3Dx`],
      ['application 10 KB', `${base}/central/${LONG}`],
      ['instance ../', `${base}/..%2Fedge/payments-api-prod`],
      ['instance 10 KB', `${base}/${LONG}/payments-api-prod`],
      [
        'appNamespace ../',
        `${base}/central/payments-api-prod?appNamespace=..%2Fargocd`,
      ],
      [
        'appNamespace &',
        `${base}/central/payments-api-prod?appNamespace=a%26project%3Dx`,
      ],
      [
        'appNamespace twice',
        `${base}/central/payments-api-prod?appNamespace=a&appNamespace=b`,
      ],
      [
        'appNamespace 10 KB',
        `${base}/central/payments-api-prod?appNamespace=${LONG}`,
      ],
      [
        'entity name %2F',
        '/api/gitops/entities/component/default/a%2Fb/applications',
      ],
      [
        'entity name 10 KB',
        `/api/gitops/entities/component/default/${LONG}/applications`,
      ],
      [
        'entity kind ?',
        '/api/gitops/entities/comp%3Fx/default/payments-api-prod/applications',
      ],
      [
        'entity namespace ../',
        '/api/gitops/entities/component/..%2F..%2F/payments-api-prod/applications',
      ],
    ])('rejects %s with 400 before calling Argo CD', async (_, path) => {
      const res = await request(server).get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(
        /^Invalid (entity|route parameter|query parameter) /,
      );
      expect(res.body.error.message.length).toBeLessThan(600);
      expect(sim.requests).toEqual([]);
    });

    it('names the bad value', async () => {
      const res = await request(server).get(
        `${base}/central/Payments_API?appNamespace=ok`,
      );
      expect(res.status).toBe(400);
      expect(responseErrors(ROUTES.application, 400, res.body)).toEqual([]);
      expect(res.body.error.message).toBe(
        `Invalid route parameter application: "Payments_API" must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`,
      );
    });

    it('never reaches another upstream path with literal dot segments', async () => {
      const res = await request(server).get(
        `${base}/central/../../../../central/api/v1/session`,
      );
      // The HTTP layer resolves or refuses the dots; either way Argo CD sees nothing.
      expect([400, 404]).toContain(res.status);
      expect(sim.requests).toEqual([]);
    });
  });

  describe('hostile annotation values', () => {
    it.each(Object.keys(hostileAnnotations))(
      'rejects %s with 400 before calling Argo CD',
      async name => {
        const res = await request(server).get(applicationsPath(name));
        expect(res.status).toBe(400);
        expect(responseErrors(ROUTES.applications, 400, res.body)).toEqual([]);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(
          new RegExp(
            `^Entity 'component:default/${name}' has invalid GitOps annotations: Invalid argocd/`,
          ),
        );
        expect(res.body.error.message.length).toBeLessThan(600);
        expect(sim.requests).toEqual([]);
      },
    );

    it('sends a valid selector with URL-significant characters encoded, on the list path only', async () => {
      const res = await request(server).get(applicationsPath('legit-selector'));
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([]);
      expect(res.body.applications.map((app: any) => app.name)).toEqual([
        'payments-api-prod',
        'payments-api-staging',
      ]);
      // Nothing but list calls (and possibly edge's session login).
      expect(
        sim.requests
          .filter(r => r.path !== '/api/v1/session')
          .map(r => `${r.instance} ${r.method} ${r.path}`)
          .sort(),
      ).toEqual([
        'central GET /api/v1/applications',
        'edge GET /api/v1/applications',
      ]);
      for (const r of sim.requests.filter(q => q.method === 'GET')) {
        expect(r.query).toEqual({
          selector:
            'app.kubernetes.io/part-of in (payments-api, nothing),env!=dev',
        });
      }
    });
  });

  describe('secrets', () => {
    it('never shows a token or password in a response or a log line', async () => {
      const responses: string[] = [];
      const get = async (path: string) => {
        const res = await request(server).get(path);
        responses.push(JSON.stringify(res.body));
      };
      await get(applicationsPath('payments-api'));
      await get(
        `${applicationsPath('payments-api')}/central/payments-api-prod`,
      );
      await get(`${applicationsPath('payments-api')}/edge/payments-api-dev`);
      sim.setFault('central', {
        status: 401,
        body: { error: `bad token ${sim.token('central')}`, code: 16 },
      });
      sim.setFault('edge', {
        status: 500,
        body: { message: 'password edge-password rejected', code: 2 },
      });
      try {
        await get(applicationsPath('legit-selector'));
        await get(
          `${applicationsPath('legit-selector')}/central/payments-api-staging`,
        );
      } finally {
        sim.setFault('central', undefined);
        sim.setFault('edge', undefined);
      }

      const everything = [...responses, JSON.stringify(logs)].join('\n');
      expect(responses.some(body => body.includes('payments-api-prod'))).toBe(
        true,
      );
      expect(everything).toContain('[redacted]');
      for (const secret of [
        sim.token('central'),
        sim.token('edge'),
        'edge-password',
        // Session tokens are JWTs: nothing JWT-shaped may leak.
        'eyJ',
      ]) {
        expect(everything).not.toContain(secret);
      }
    });
  });
});
