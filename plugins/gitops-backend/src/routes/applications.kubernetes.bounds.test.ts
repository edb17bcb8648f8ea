import request from 'supertest';
import { applicationsPath, componentWith } from '../__fixtures__/entities';
import {
  kubeClusterConfig,
  startFakeKubeApiServer,
  type KubeApiServer,
} from '../__testUtils__/fakeKubeApiServer';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import { startGitOpsBackend } from '../__testUtils__/testBackend';

const KUSTOMIZATIONS = 'kustomizations.kustomize.toolkit.fluxcd.io';
const GITREPOSITORIES = 'gitrepositories.source.toolkit.fluxcd.io';

const entities = [
  componentWith('shop', {
    'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/part-of=shop',
  }),
];

describe('application routes when a cluster answers badly', () => {
  let kube: KubeApiServer;

  beforeAll(async () => {
    kube = await startFakeKubeApiServer();
  });

  afterEach(() => {
    kube.setFault(undefined);
    kube.resetRequests();
  });

  afterAll(() => kube.close());

  async function start(limits: object = {}) {
    return startGitOpsBackend({
      config: {
        gitops: {
          kubernetes: {
            clusters: [kubeClusterConfig(kube, { name: 'prod-eu' })],
            timeoutMs: 10_000,
          },
          limits,
        },
      },
      entities,
    });
  }

  async function shopCard(server: Awaited<ReturnType<typeof start>>['server']) {
    const res = await request(server).get(applicationsPath('shop'));
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
    return res.body;
  }

  it('reports malformed JSON as bad-response, not unreachable', async () => {
    const { server } = await start();
    kube.setFault({ malformed: true, resource: KUSTOMIZATIONS });
    const body = await shopCard(server);
    expect(body.errors).toEqual([
      {
        instance: 'prod-eu',
        code: 'bad-response',
        message: expect.stringMatching(
          /^Kubernetes cluster 'prod-eu' answered listing kustomizations\.kustomize\.toolkit\.fluxcd\.io with malformed JSON \(\d+ bytes\)$/,
        ),
      },
    ]);
    // The other kind still shows.
    expect(body.applications.length).toBeGreaterThan(0);
  });

  it('reports a body cut off mid-way as bad-response', async () => {
    const { server } = await start();
    kube.setFault({ truncateAfterBytes: 300, resource: KUSTOMIZATIONS });
    const body = await shopCard(server);
    expect(body.errors).toEqual([
      expect.objectContaining({
        code: 'bad-response',
        message: expect.stringContaining('cut off after 300 bytes'),
      }),
    ]);
  });

  it('stops reading a list at the size limit and names the limit', async () => {
    const { server } = await start({ maxResponseMegabytes: 1 });
    kube.setFault({ oversizeBytes: 8 * 1024 * 1024, resource: KUSTOMIZATIONS });
    const body = await shopCard(server);
    expect(body.errors).toEqual([
      {
        instance: 'prod-eu',
        code: 'bad-response',
        message:
          "Kubernetes cluster 'prod-eu' answered listing kustomizations.kustomize.toolkit.fluxcd.io with more than the 1 MiB limit (the answer exceeded 1 MiB); narrow the entity's selection or raise gitops.limits.maxResponseMegabytes",
      },
    ]);
  });

  it('answers at the deadline when a Flux source lookup hangs, with a note and without the link', async () => {
    const { server } = await start({ requestDeadlineMs: 700 });
    kube.setFault({ timeout: true, resource: GITREPOSITORIES });
    const started = Date.now();
    const body = await shopCard(server);
    expect(Date.now() - started).toBeLessThan(3000);
    const shopDeploy = body.applications.filter(
      (app: any) => app.kind === 'Kustomization',
    );
    expect(shopDeploy.length).toBeGreaterThan(0);
    expect(body.errors.length).toBeGreaterThan(0);
    for (const error of body.errors) {
      expect(error).toEqual({
        instance: 'prod-eu',
        application: expect.any(String),
        code: 'timeout',
        message: expect.stringMatching(
          /^Kubernetes cluster 'prod-eu' did not answer listing gitrepositories\.source\.toolkit\.fluxcd\.io in namespace '[a-z-]+' before the request's 700 ms deadline; (Kustomization|HelmRelease) '[a-z0-9-]+' is shown without its source link$/,
        ),
      });
    }

    // The slow lookup is not cached: once the source answers, the link is back.
    kube.setFault(undefined);
    const { server: fresh } = await start({ requestDeadlineMs: 700 });
    const again = await shopCard(fresh);
    expect(again.errors).toEqual([]);
  });
});
