import { createServer } from 'node:net';
import { startSimulator, type Simulator } from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import {
  simulatorConfig,
  startGitOpsBackend,
} from '../__testUtils__/testBackend';

/** Selects payments-api-{staging,prod} on `central` and payments-api-dev on `edge`. */
const paymentsApi = componentWith('payments-api', {
  'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
});
const paymentsApiProd = componentWith('payments-api-prod', {
  'argocd/app-name': 'payments-api-prod',
});
const entities = [paymentsApi, paymentsApiProd];

const appIds = (body: any) =>
  body.applications.map((app: any) => `${app.instance}/${app.name}`);

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('application routes when Argo CD fails', () => {
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

  async function start(overrides: object = {}) {
    return startGitOpsBackend({
      config: { gitops: { argocd: simulatorConfig(sim, overrides) } },
      entities,
    });
  }

  async function cardWithCentralFailing() {
    const { server } = await start({ timeoutMs: 300 });
    const res = await request(server).get(applicationsPath('payments-api'));
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
    // The other instance's application is still there.
    expect(appIds(res.body)).toEqual(['edge/payments-api-dev']);
    expect(res.body.errors).toHaveLength(1);
    return res.body.errors[0];
  }

  it('reports a timeout', async () => {
    sim.setFault('central', { timeout: true });
    expect(await cardWithCentralFailing()).toEqual({
      instance: 'central',
      code: 'timeout',
      message:
        "Argo CD instance 'central' did not answer listing applications within 300 ms",
    });
  });

  it('reports a rejected static token', async () => {
    const { server } = await start({
      instances: [
        {
          name: 'central',
          url: sim.instanceUrl('central'),
          token: 'not-the-central-token',
          watch: false,
        },
        simulatorConfig(sim).instances[1],
      ],
    });
    const res = await request(server).get(applicationsPath('payments-api'));
    expect(res.status).toBe(200);
    expect(appIds(res.body)).toEqual(['edge/payments-api-dev']);
    expect(res.body.errors).toEqual([
      {
        instance: 'central',
        code: 'unauthorized',
        message: expect.stringContaining(
          "Argo CD instance 'central' rejected the configured credentials while listing applications (401 Unauthorized",
        ),
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('not-the-central-token');
    // A static token is not retried.
    expect(sim.requests.filter(r => r.instance === 'central')).toHaveLength(1);
  });

  it('reports a refused session login', async () => {
    const { server } = await start({
      instances: [
        simulatorConfig(sim).instances[0],
        {
          name: 'edge',
          url: sim.instanceUrl('edge'),
          username: 'admin',
          password: 'wrong-password',
          watch: false,
        },
      ],
    });
    const res = await request(server).get(applicationsPath('payments-api'));
    expect(res.status).toBe(200);
    expect(appIds(res.body)).toEqual([
      'central/payments-api-prod',
      'central/payments-api-staging',
    ]);
    expect(res.body.errors).toEqual([
      {
        instance: 'edge',
        code: 'unauthorized',
        message: expect.stringMatching(
          /^Argo CD instance 'edge' refused the login \(401 Unauthorized: Invalid username or password\)/,
        ),
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('wrong-password');
  });

  it('logs in again once and retries once when the session expired', async () => {
    const { server } = await start({ cacheTtlSeconds: 0 });
    const first = await request(server).get(applicationsPath('payments-api'));
    expect(first.body.errors).toEqual([]);
    sim.resetRequests();

    sim.expireSessions();
    const res = await request(server).get(applicationsPath('payments-api'));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(appIds(res.body)).toEqual([
      'central/payments-api-prod',
      'central/payments-api-staging',
      'edge/payments-api-dev',
    ]);
    expect(
      sim.requests
        .filter(r => r.instance === 'edge')
        .map(r => `${r.method} ${r.path} ${r.status}`),
    ).toEqual([
      'GET /api/v1/applications 401',
      'POST /api/v1/session 200',
      'GET /api/v1/applications 200',
    ]);

    // The new session is kept: no further login.
    sim.resetRequests();
    await request(server).get(applicationsPath('payments-api'));
    expect(
      sim.requests.filter(r => r.instance === 'edge').map(r => r.method),
    ).toEqual(['GET']);
  });

  it('reports 403', async () => {
    sim.setFault('central', { status: 403 });
    expect(await cardWithCentralFailing()).toEqual({
      instance: 'central',
      code: 'forbidden',
      message: expect.stringContaining(
        "Argo CD instance 'central' refused listing applications (403 Forbidden",
      ),
    });
  });

  it('reports 404', async () => {
    sim.setFault('central', { status: 404 });
    expect(await cardWithCentralFailing()).toEqual({
      instance: 'central',
      code: 'not-found',
      message: expect.stringContaining(
        "Argo CD instance 'central' found nothing while listing applications (404 Not Found",
      ),
    });
  });

  it('reports a wrong instance URL', async () => {
    const { server } = await start({
      instances: [
        { name: 'central', url: `${sim.url}/nowhere`, token: 'some-token' },
        simulatorConfig(sim).instances[1],
      ],
    });
    const res = await request(server).get(
      applicationsPath('payments-api-prod'),
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toContainEqual({
      instance: 'central',
      code: 'not-found',
      message:
        "Argo CD instance 'central' found nothing while listing applications (404 Not Found: 404 page not found)",
    });
  });

  it('reports 500', async () => {
    sim.setFault('central', { status: 500 });
    expect(await cardWithCentralFailing()).toEqual({
      instance: 'central',
      code: 'bad-response',
      message: expect.stringContaining(
        "Argo CD instance 'central' failed while listing applications (500 Internal Server Error",
      ),
    });
  });

  it('reports a proxy error page', async () => {
    sim.setFault('central', { status: 502 });
    expect(await cardWithCentralFailing()).toEqual({
      instance: 'central',
      code: 'bad-response',
      message:
        "Argo CD instance 'central' failed while listing applications (502 Bad Gateway: 502 Bad Gateway)",
    });
  });

  it('reports malformed JSON', async () => {
    sim.setFault('central', { malformed: true });
    expect(await cardWithCentralFailing()).toEqual({
      instance: 'central',
      code: 'bad-response',
      message: expect.stringMatching(
        /^Argo CD instance 'central' answered listing applications with malformed JSON/,
      ),
    });
  });

  it('reports an instance that is down while the other answers', async () => {
    const port = await closedPort();
    const { server } = await start({
      instances: [
        {
          name: 'central',
          url: `http://127.0.0.1:${port}`,
          token: 'some-token',
        },
        simulatorConfig(sim).instances[1],
      ],
    });
    const res = await request(server).get(applicationsPath('payments-api'));
    expect(res.status).toBe(200);
    expect(appIds(res.body)).toEqual(['edge/payments-api-dev']);
    expect(res.body.errors).toEqual([
      {
        instance: 'central',
        code: 'unreachable',
        message: `Argo CD instance 'central' could not be reached at http://127.0.0.1:${port} while listing applications (ECONNREFUSED)`,
      },
    ]);
  });

  it('reports an instance the annotation names but nobody configured', async () => {
    const { server } = await startGitOpsBackend({
      config: { gitops: { argocd: simulatorConfig(sim) } },
      entities: [
        componentWith('payments-api', {
          'argocd/app-selector': 'app.kubernetes.io/part-of=payments-api',
          'argocd/instance-name': 'edge,staging-cluster',
        }),
      ],
    });
    const res = await request(server).get(applicationsPath('payments-api'));
    expect(res.status).toBe(200);
    expect(appIds(res.body)).toEqual(['edge/payments-api-dev']);
    expect(res.body.errors).toEqual([
      {
        instance: 'staging-cluster',
        code: 'not-found',
        message:
          "No Argo CD instance or Kubernetes cluster named 'staging-cluster' is configured (see gitops.argocd.instances and gitops.kubernetes.clusters)",
      },
    ]);
  });

  it('does not cache failures', async () => {
    const { server } = await start();
    sim.setFault('central', { status: 500, times: 1 });
    const failed = await request(server).get(applicationsPath('payments-api'));
    expect(failed.body.errors).toHaveLength(1);
    const recovered = await request(server).get(
      applicationsPath('payments-api'),
    );
    expect(recovered.body.errors).toEqual([]);
    expect(recovered.body.applications).toHaveLength(3);
  });

  describe('detail', () => {
    const detailPath = `${applicationsPath(
      'payments-api-prod',
    )}/central/payments-api-prod`;

    it('answers 504 with the SourceError code on a timeout', async () => {
      const { server } = await start({ timeoutMs: 300 });
      // The card's list is fine; the application itself hangs.
      sim.setFault('central', {
        timeout: true,
        pathIncludes: '/applications/',
      });
      const res = await request(server).get(detailPath);
      expect(res.status).toBe(504);
      expect(responseErrors(ROUTES.application, 504, res.body)).toEqual([]);
      expect(res.body.error).toMatchObject({
        name: 'ArgoCdError',
        code: 'timeout',
        instance: 'central',
        application: 'payments-api-prod',
        message:
          "Argo CD instance 'central' did not answer reading application 'payments-api-prod' within 300 ms",
      });
    });

    it('answers 502 when the resource tree fails', async () => {
      const { server } = await start();
      sim.setFault('central', { status: 500, pathIncludes: '/resource-tree' });
      const res = await request(server).get(detailPath);
      expect(res.status).toBe(502);
      expect(responseErrors(ROUTES.application, 502, res.body)).toEqual([]);
      expect(res.body.error).toMatchObject({
        name: 'ArgoCdError',
        code: 'bad-response',
        message: expect.stringContaining(
          "failed while reading the resource tree of 'payments-api-prod' (500",
        ),
      });
    });

    it('answers 502 when the whole instance is down', async () => {
      const { server } = await start();
      sim.setFault('central', { status: 503 });
      const res = await request(server).get(detailPath);
      expect(res.status).toBe(502);
      expect(res.body.error).toMatchObject({
        name: 'ArgoCdError',
        code: 'bad-response',
        instance: 'central',
      });
    });

    it('shows the history without authors when revision metadata fails', async () => {
      const { server } = await start();
      sim.setFault('central', { status: 500, pathIncludes: '/metadata' });
      const res = await request(server).get(detailPath);
      expect(res.status).toBe(200);
      expect(responseErrors(ROUTES.application, 200, res.body)).toEqual([]);
      expect(res.body.history).toHaveLength(6);
      expect(res.body.history.every((entry: any) => !entry.author)).toBe(true);
    });
  });
});
