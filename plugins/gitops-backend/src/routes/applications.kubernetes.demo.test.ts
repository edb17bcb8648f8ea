import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  loadKubeObjects,
  startKubeApiServer,
  type KubeApiServer,
} from '@gitops-guide/argocd-simulator';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { applicationsPath } from '../__fixtures__/entities';
import { responseErrors, ROUTES } from '../__testUtils__/openapi';
import { startGitOpsBackend } from '../__testUtils__/testBackend';

const EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples');

/** The demo's `gitops.kubernetes`, pointed at a fake on a free port. */
function demoKubernetesConfig(kube: KubeApiServer) {
  const config = parse(
    fs.readFileSync(path.join(EXAMPLES_DIR, 'app-config.yaml'), 'utf8'),
  );
  const kubernetes = config.gitops.kubernetes;
  for (const cluster of kubernetes.clusters) {
    cluster.url = kube.url;
  }
  return kubernetes;
}

function demoEntities(): Entity[] {
  return parseAllDocuments(
    fs.readFileSync(path.join(EXAMPLES_DIR, 'catalog-info.yaml'), 'utf8'),
  ).map(doc => doc.toJS() as Entity);
}

describe('the demo portal’s Kubernetes data', () => {
  let kube: KubeApiServer;
  let server: Awaited<ReturnType<typeof startGitOpsBackend>>['server'];

  beforeAll(async () => {
    kube = await startKubeApiServer({ objects: await loadKubeObjects() });
    ({ server } = await startGitOpsBackend({
      config: { gitops: { kubernetes: demoKubernetesConfig(kube) } },
      entities: demoEntities(),
    }));
  });

  afterAll(async () => {
    await kube.close();
  });

  it('shows notifications-service’s Flux objects', async () => {
    const res = await request(server).get(
      applicationsPath('notifications-service'),
    );
    expect(res.status).toBe(200);
    expect(responseErrors(ROUTES.applications, 200, res.body)).toEqual([]);
    expect(res.body.errors).toEqual([]);
    expect(
      res.body.applications.map(
        (app: any) =>
          `${app.kind}/${app.name} ${app.health.status} ${app.sync.status}`,
      ),
    ).toEqual([
      'HelmRelease/notifications-redis Healthy Synced',
      'Kustomization/notifications-service Degraded OutOfSync',
      'Kustomization/notifications-templates Suspended Synced',
    ]);
    const guidance = await request(server).get(
      `${applicationsPath(
        'notifications-service',
      )}/demo-cluster/notifications-service/guidance`,
    );
    expect(guidance.body.rollback.state).toBe('recommended');
    expect(guidance.body.rollback.knownGood.revision).toBe(
      'main@sha1:4f1c2e9a7b3d5c6e8f0a1b2c3d4e5f60718293a4',
    );
  });

  it('shows billing-api’s Argo CD Applications read from the cluster', async () => {
    const res = await request(server).get(applicationsPath('billing-api'));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(
      res.body.applications.map(
        (app: any) =>
          `${app.instance}/${app.sourceKind}/${app.name} ${app.sync.status}`,
      ),
    ).toEqual([
      'demo-cluster/argocd-kubernetes/billing-api-prod OutOfSync',
      'demo-cluster/argocd-kubernetes/billing-api-staging Synced',
    ]);
    expect(res.body.applications[0].links.argocd).toBe(
      'http://127.0.0.1:7480/central/applications/argocd/billing-api-prod',
    );
  });
});
