import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import {
  recordingAuditor,
  simulatorConfig,
  startGitOpsBackend,
  type RecordedAuditEvent,
} from '../__testUtils__/testBackend';

const PAYMENTS = componentWith('payments-api', {
  'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
});
const CHECKOUT = componentWith('checkout-web', {
  'argocd/app-name': 'checkout-web-dev,checkout-web-staging,checkout-web-prod',
});
const INVENTORY = componentWith('inventory-service', {
  'argocd/app-name': 'inventory-service-prod',
  'argocd/project-name': 'inventory',
});
const ENTITIES = [PAYMENTS, CHECKOUT, INVENTORY];
const PROD = `${applicationsPath('payments-api')}/central/payments-api-prod`;
const ROLLBACK_44 = { id: 44 };

/** Every request that changes something in the simulator: the writes. */
function writes(sim: Simulator) {
  return sim.requests.filter(
    r =>
      (r.method === 'POST' && /\/(sync|rollback)$/.test(r.path)) ||
      r.query.refresh !== undefined,
  );
}

function allow(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  return mockServices.permissions.factory({ result });
}

describe('application actions (Argo CD API)', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      operationDurationMs: 150,
      readOnlyTokens: { central: ['sim-central-readonly'] },
    });
  });
  beforeEach(async () => {
    await sim.resetState();
    sim.resetRequests();
  });
  afterAll(() => sim.close());

  async function start(
    options: {
      actions?: object;
      argocd?: object;
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      events?: RecordedAuditEvent[];
      entities?: typeof ENTITIES;
    } = {},
  ) {
    const { server, backend } = await startGitOpsBackend({
      entities: options.entities ?? ENTITIES,
      config: {
        gitops: {
          argocd: options.argocd ?? simulatorConfig(sim),
          ...(options.actions ? { actions: options.actions } : {}),
        },
      },
      features: [
        allow(options.permission ?? AuthorizeResult.ALLOW),
        recordingAuditor(options.events ?? []),
      ],
    });
    return { server, backend };
  }

  describe('with gitops.actions.enabled unset (the default)', () => {
    it('has no write route and offers no action in the detail', async () => {
      const { server, backend } = await start();
      const res = await request(server)
        .post(`${PROD}/rollback`)
        .send(ROLLBACK_44);
      expect(res.status).toBe(404);
      const detail = await request(server).get(PROD);
      expect(detail.status).toBe(200);
      expect(detail.body).not.toHaveProperty('actions');
      expect(writes(sim)).toEqual([]);
      await backend.stop();
    });
  });

  describe('with actions on and an allowing policy', () => {
    const events: RecordedAuditEvent[] = [];
    let server: Parameters<typeof request>[0];
    let backend: { stop(): Promise<void> };

    beforeAll(async () => {
      ({ server, backend } = await start({
        actions: { enabled: true },
        events,
      }));
    });
    beforeEach(() => {
      events.length = 0;
    });
    afterAll(() => backend.stop());

    it('offers the Argo CD actions in the detail', async () => {
      const res = await request(server).get(PROD);
      expect(res.body.actions).toEqual(['refresh', 'sync', 'rollback']);
      expect(responseErrors(ROUTES.application, 200, res.body)).toEqual([]);
    });

    it('rolls back once, audits it, and the operation ends with history grown', async () => {
      const res = await request(server)
        .post(`${PROD}/rollback`)
        .send(ROLLBACK_44);
      expect(res.status).toBe(200);
      expect(responseErrors(ROUTES.action, 200, res.body, 'post')).toEqual([]);
      expect(res.body).toMatchObject({
        action: 'rollback',
        dryRun: false,
        message:
          "Argo CD started a rollback of 'payments-api-prod' to #44 (dadcc6b)",
        application: { name: 'payments-api-prod' },
        follow: { operation: { phase: 'Running' } },
      });
      expect(writes(sim).map(r => `${r.method} ${r.path}`)).toEqual([
        'POST /api/v1/applications/payments-api-prod/rollback',
      ]);
      expect(events).toEqual([
        expect.objectContaining({
          eventId: 'application-action',
          severityLevel: 'medium',
          meta: {
            actionType: 'rollback',
            entityRef: 'component:default/payments-api',
            application: { instance: 'central', name: 'payments-api-prod' },
            parameters: { id: 44, prune: false, dryRun: false },
          },
          outcome: 'success',
          outcomeMeta: expect.objectContaining({ outcome: 'done' }),
        }),
      ]);

      // The page follows with refresh=true, more often than the usual interval.
      let detail = (await request(server).get(`${PROD}?refresh=true`)).body;
      for (let i = 0; i < 40 && detail.operation?.phase === 'Running'; i++) {
        await new Promise(resolve => setTimeout(resolve, 1600));
        detail = (await request(server).get(`${PROD}?refresh=true`)).body;
      }
      expect(detail.operation.phase).toBe('Succeeded');
      expect(detail.history[0]).toMatchObject({
        id: 46,
        revision: 'dadcc6b4ca697754255deddf17dcca4b5dc97a2f',
      });
    }, 60_000);

    it('runs a dry run as a dry run: no history entry', async () => {
      const res = await request(server)
        .post(`${PROD}/rollback`)
        .send({ ...ROLLBACK_44, dryRun: true });
      expect(res.status).toBe(200);
      expect(res.body.dryRun).toBe(true);
      expect(res.body.message).toContain('nothing in the cluster changes');
      expect(writes(sim)).toHaveLength(1);
      await new Promise(resolve => setTimeout(resolve, 500));
      const detail = (await request(server).get(`${PROD}?refresh=true`)).body;
      expect(detail.operation.phase).toBe('Succeeded');
      expect(detail.history[0].id).toBe(45);
      expect(detail.health.status).toBe('Degraded');
    });

    it('refuses a rollback of an auto-sync application with 409, before any write', async () => {
      const res = await request(server)
        .post(
          `${applicationsPath(
            'checkout-web',
          )}/central/checkout-web-prod/rollback`,
        )
        .send({ id: 1 });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain(
        "'checkout-web-prod' has auto-sync on",
      );
      expect(res.body.error.message).toContain('rollback guidance');
      expect(writes(sim)).toEqual([]);
      expect(events[0]).toMatchObject({
        outcome: 'fail',
        error: expect.objectContaining({ name: 'ConflictError' }),
      });
    });

    it('refuses an application the entity does not select, before any write', async () => {
      const res = await request(server)
        .post(
          `${applicationsPath('payments-api')}/central/checkout-web-prod/sync`,
        )
        .send({});
      expect(res.status).toBe(404);
      expect(writes(sim)).toEqual([]);
    });

    it('answers an unreadable entity like a missing one', async () => {
      const res = await request(server)
        .post(`${applicationsPath('nobody')}/central/payments-api-prod/sync`)
        .send({});
      expect(res.status).toBe(404);
      expect(writes(sim)).toEqual([]);
    });

    it('refuses a bad body with 400 naming the key', async () => {
      const res = await request(server)
        .post(`${PROD}/rollback`)
        .send({ id: 'forty-four' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid body key id: must be a number',
      );
      expect(writes(sim)).toEqual([]);
    });

    it("maps a sync window's refusal, and says it is one", async () => {
      const res = await request(server)
        .post(
          `${applicationsPath(
            'inventory-service',
          )}/central/inventory-service-prod/sync`,
        )
        .send({});
      expect(res.status).toBe(502);
      expect(res.body.error.message).toBe(
        "Argo CD instance 'central' refused syncing application 'inventory-service-prod' (403 Forbidden: cannot sync: blocked by sync window); a sync window of the application's project blocks syncs now: wait for it to open, or ask the project's owners",
      );
      expect(writes(sim)).toHaveLength(1);
    });

    it('refreshes', async () => {
      const res = await request(server)
        .post(`${PROD}/refresh`)
        .send({ hard: true });
      expect(res.status).toBe(200);
      expect(res.body.message).toBe(
        "Argo CD hard-refreshed 'payments-api-prod': it compared Git with the cluster again",
      );
      expect(writes(sim)).toHaveLength(1);
    });
  });

  it('answers 403 to a denied caller, sends nothing upstream, and audits the attempt', async () => {
    const events: RecordedAuditEvent[] = [];
    const { server, backend } = await start({
      actions: { enabled: true },
      permission: AuthorizeResult.DENY,
      events,
    });
    const res = await request(server)
      .post(`${PROD}/rollback`)
      .send(ROLLBACK_44);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      "You may not roll back the applications of 'component:default/payments-api': the permission policy does not grant gitops.application.rollback on it",
    );
    expect(writes(sim)).toEqual([]);
    expect(
      sim.requests.filter(r => r.path.includes('payments-api-prod')),
    ).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        outcome: 'fail',
        error: expect.objectContaining({ name: 'NotAllowedError' }),
      }),
    ]);
    await backend.stop();
  });

  it('keeps an instance configured with actions: false read-only', async () => {
    const config = simulatorConfig(sim);
    config.instances[0] = { ...config.instances[0], actions: false } as any;
    const { server, backend } = await start({
      actions: { enabled: true },
      argocd: config,
    });
    const res = await request(server).post(`${PROD}/sync`).send({});
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      "Actions are turned off for 'central' (actions: false in its configuration)",
    );
    expect((await request(server).get(PROD)).body).not.toHaveProperty(
      'actions',
    );
    expect(writes(sim)).toEqual([]);
    await backend.stop();
  });

  it("maps Argo CD's RBAC refusal, sent once", async () => {
    const config = simulatorConfig(sim);
    config.instances[0] = {
      ...config.instances[0],
      token: 'sim-central-readonly',
    } as any;
    const { server, backend } = await start({
      actions: { enabled: true },
      argocd: config,
    });
    const res = await request(server).post(`${PROD}/sync`).send({});
    expect(res.status).toBe(502);
    expect(res.body.error.name).toBe('ArgoCdError');
    expect(res.body.error.message).toMatch(
      /^Argo CD instance 'central' refused syncing application 'payments-api-prod' \(403 Forbidden: permission denied: applications, sync, payments\/payments-api-prod.*\); the configured account needs Argo CD RBAC permission to sync these applications$/,
    );
    expect(writes(sim)).toHaveLength(1);
    await backend.stop();
  });
});
