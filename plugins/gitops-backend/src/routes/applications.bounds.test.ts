import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import {
  simulatorConfig,
  startGitOpsBackend,
} from '../__testUtils__/testBackend';

const paymentsApiProd = componentWith('payments-api-prod', {
  'argocd/app-name': 'payments-api-prod',
  'argocd/instance-name': 'central',
});
const paymentsApiDev = componentWith('payments-api-dev', {
  'argocd/app-name': 'payments-api-dev',
  'argocd/instance-name': 'edge',
});
const entities = [paymentsApiProd, paymentsApiDev];

const detailPath = `${applicationsPath(
  'payments-api-prod',
)}/central/payments-api-prod`;

describe('application routes under slow or refusing upstreams', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });

  afterEach(() => {
    for (const instance of sim.instances) {
      sim.setFault(instance, undefined);
    }
    sim.resetRequests();
  });

  afterAll(async () => {
    await sim.close();
  });

  async function start(
    argocd: object = {},
    limits: object = { requestDeadlineMs: 800 },
  ) {
    return startGitOpsBackend({
      config: {
        gitops: {
          argocd: simulatorConfig(sim, { timeoutMs: 10_000, ...argocd }),
          limits,
        },
      },
      entities,
    });
  }

  it.each([15, 0])(
    'answers the detail within the request deadline when revision metadata hangs (cache TTL %i s)',
    async cacheTtlSeconds => {
      const { server } = await start({ cacheTtlSeconds });
      sim.setFault('central', { pathIncludes: '/metadata', timeout: true });
      const started = Date.now();
      const res = await request(server).get(detailPath);
      const tookMs = Date.now() - started;

      expect(res.status).toBe(200);
      expect(responseErrors(ROUTES.application, 200, res.body)).toEqual([]);
      expect(tookMs).toBeLessThan(3000);
      // The history is there, without commit authors and messages.
      expect(res.body.history.length).toBeGreaterThan(1);
      expect(res.body.history.every((row: any) => !row.author)).toBe(true);
      expect(res.body.errors).toEqual([
        {
          instance: 'central',
          application: 'payments-api-prod',
          code: 'timeout',
          message: expect.stringMatching(
            new RegExp(
              `^The history is shown without commit author and message for (\\d+) of \\1 revisions: Argo CD instance 'central' did not answer reading the metadata of revision '[0-9a-f]+' of 'payments-api-prod' before the request's 800 ms deadline$`,
            ),
          ),
        },
      ]);
    },
  );

  it('shows commit metadata and no errors when the metadata endpoint answers', async () => {
    const { server } = await start();
    const res = await request(server).get(detailPath);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.history.some((row: any) => row.author)).toBe(true);
  });

  it('answers a card from the instances that made it before the deadline', async () => {
    const { server } = await start();
    sim.setFault('central', { timeout: true });
    const started = Date.now();
    const res = await request(server).get(
      applicationsPath('payments-api-prod'),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      {
        instance: 'central',
        code: 'timeout',
        message:
          "Argo CD instance 'central' did not answer listing applications before the request's 800 ms deadline",
      },
    ]);
  });

  it('ends an oversized list in bad-response naming the limit', async () => {
    const { server } = await start({}, { maxResponseMegabytes: 1 });
    sim.setFault('central', {
      oversizeBytes: 6 * 1024 * 1024,
      pathIncludes: '/api/v1/applications',
    });
    const res = await request(server).get(
      applicationsPath('payments-api-prod'),
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      {
        instance: 'central',
        code: 'bad-response',
        message:
          "Argo CD instance 'central' answered listing applications with more than the 1 MiB limit (the answer exceeded 1 MiB); narrow the entity's selection or raise gitops.limits.maxResponseMegabytes",
      },
    ]);
  });

  it('reports a list cut off mid-way as bad-response', async () => {
    const { server } = await start();
    sim.setFault('central', {
      truncateAfterBytes: 500,
      pathIncludes: '/api/v1/applications',
    });
    const res = await request(server).get(
      applicationsPath('payments-api-prod'),
    );
    expect(res.body.errors).toEqual([
      {
        instance: 'central',
        code: 'bad-response',
        message:
          "Argo CD instance 'central' answered listing applications with a body that was cut off after 500 bytes",
      },
    ]);
  });

  it('never returns or logs a repository URL with its credentials', async () => {
    const { server, logs } = await start();
    sim.leakRepoCredentials('central', { app: 'payments-api-prod' });
    try {
      const card = await request(server).get(
        applicationsPath('payments-api-prod'),
      );
      const detail = await request(server).get(
        `${detailPath}?include=guidance`,
      );
      expect(card.status).toBe(200);
      expect(detail.status).toBe(200);
      const app = card.body.applications[0];
      // The credentials were there upstream, in the URL and in a condition message.
      expect(app.source.repoURL).toMatch(/^https:\/\/github\.com\//);
      expect(
        app.conditions.some((c: any) =>
          c.message.includes(app.source.repoURL.replace(/\.git$/, '')),
        ),
      ).toBe(true);
      const everything = JSON.stringify([card.body, detail.body, logs]);
      expect(everything).not.toContain('ghp_fakeToken123');
      expect(everything).not.toContain('deploy-bot:');
      expect(everything).not.toMatch(/:\/\/[^/\s"]+@/);
    } finally {
      sim.clearRepoCredentialLeaks();
    }
  });

  it('logs in at most once for 40 requests while the password is refused, and logs it once', async () => {
    const { server, logs } = await start({
      instances: [
        {
          name: 'edge',
          url: sim.instanceUrl('edge'),
          username: 'admin',
          password: 'not-the-password',
          watch: false,
        },
      ],
    });
    const bodies: any[] = [];
    for (let i = 0; i < 4; i++) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(server).get(applicationsPath('payments-api-dev')),
        ),
      );
      bodies.push(...batch.map(res => res.body));
    }
    const logins = sim.requests.filter(
      r => r.method === 'POST' && r.path === '/api/v1/session',
    );
    expect(logins).toHaveLength(1);
    for (const body of bodies) {
      expect(body.errors).toEqual([
        expect.objectContaining({ instance: 'edge', code: 'unauthorized' }),
      ]);
    }
    expect(bodies[39].errors[0].message).toContain('refused the login');
    const refusals = logs.filter(
      line =>
        line.level === 'warn' && line.message.includes('refused the login'),
    );
    expect(refusals).toHaveLength(1);
    expect(JSON.stringify(logs)).not.toContain('not-the-password');
  });
});
