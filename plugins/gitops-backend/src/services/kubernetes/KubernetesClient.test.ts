import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStubServer } from '../../__testUtils__/stubServer';
import type { KubernetesClusterConfig } from '../../config/readKubernetesConfig';
import { KubernetesClient } from './KubernetesClient';
import { KubernetesError } from './KubernetesError';
import { FLUX_KUSTOMIZATIONS } from './resources';

const LIST_PATH = '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations';

async function failure(promise: Promise<unknown>): Promise<KubernetesError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    e => e,
  );
  expect(error).toBeInstanceOf(KubernetesError);
  return error;
}

describe('KubernetesClient', () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;
  let dir: string;

  beforeAll(async () => {
    stub = await startStubServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-sa-'));
  });
  afterEach(() => stub.reset());
  afterAll(async () => {
    await stub.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function client(auth: KubernetesClusterConfig['auth']) {
    return KubernetesClient.create({
      cluster: {
        name: 'prod-eu',
        url: stub.url,
        auth,
        skipTLSVerify: false,
        argocdNamespaces: [],
        flux: true,
        fluxOptional: false,
        actions: true,
        watch: false,
      },
      timeoutMs: 2000,
      maxResponseBytes: 1024 * 1024,
      logger: mockServices.logger.mock(),
    });
  }

  it('sends the pod service account token read from its file, and redacts it from errors', async () => {
    const tokenFile = path.join(dir, 'token');
    // Short and not JWT-shaped, so only the redaction list can catch it.
    fs.writeFileSync(tokenFile, 'sa-tok-1');
    stub.on(`GET ${LIST_PATH}`, request => ({
      status: 500,
      json: {
        kind: 'Status',
        message: `cannot verify ${request.authorization}`,
      },
    }));
    const error = await failure(
      client({ type: 'inCluster', tokenFile }).list({
        resource: FLUX_KUSTOMIZATIONS,
      }),
    );
    expect(stub.requests[0].authorization).toBe('Bearer sa-tok-1');
    expect(error.code).toBe('bad-response');
    expect(error.message).toBe(
      "Kubernetes cluster 'prod-eu' failed while listing kustomizations.kustomize.toolkit.fluxcd.io (500 Internal Server Error: cannot verify Bearer [redacted])",
    );
  });

  it('redacts a configured token however short it is', async () => {
    stub.on(`GET ${LIST_PATH}`, request => ({
      status: 403,
      json: { message: `user with ${request.authorization} may not list` },
    }));
    const error = await failure(
      client({ type: 'serviceAccountToken', token: 'k9' }).list({
        resource: FLUX_KUSTOMIZATIONS,
      }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('user with Bearer [redacted] may not list');
  });

  it('reads a list and passes the selectors', async () => {
    stub.on(`GET ${LIST_PATH}`, () => ({
      json: {
        metadata: { resourceVersion: '7' },
        items: [{ metadata: { name: 'shop' } }],
      },
    }));
    const list = await client({
      type: 'serviceAccountToken',
      token: 'token-123456',
    }).list({ resource: FLUX_KUSTOMIZATIONS, labelSelector: 'app=shop' });
    expect(list).toEqual({
      items: [{ metadata: { name: 'shop' } }],
      resourceVersion: '7',
    });
    expect(stub.requests[0].search).toBe('?labelSelector=app%3Dshop');
  });

  it('refuses a list whose items are not objects with a name', async () => {
    stub.on(`GET ${LIST_PATH}`, () => ({
      json: { items: [{ metadata: { name: 'a' } }, { metadata: {} }] },
    }));
    const error = await failure(
      client({ type: 'serviceAccountToken', token: 'token-123456' }).list({
        resource: FLUX_KUSTOMIZATIONS,
      }),
    );
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('not a KustomizationList');
  });

  describe('patch', () => {
    const OBJECT = `${LIST_PATH.replace(
      '/kustomizations',
      '',
    )}/namespaces/flux-system/kustomizations/shop`;
    const target = {
      resource: FLUX_KUSTOMIZATIONS,
      namespace: 'flux-system',
      name: 'shop',
    };
    const patching = (status: number, json: unknown) =>
      stub.on(`PATCH ${OBJECT}`, () => ({ status, json }));
    const send = () =>
      client({ type: 'serviceAccountToken', token: 'token-123456' }).patch(
        target,
        { spec: { suspend: true } },
        { what: "suspending Kustomization 'flux-system/shop'" },
      );

    it('sends one JSON merge patch and answers the patched object', async () => {
      patching(200, { metadata: { name: 'shop' }, spec: { suspend: true } });
      await expect(send()).resolves.toEqual({
        metadata: { name: 'shop' },
        spec: { suspend: true },
      });
      expect(stub.requests).toHaveLength(1);
      expect(stub.requests[0].body).toBe('{"spec":{"suspend":true}}');
    });

    it('says which verb the service account lacks', async () => {
      patching(403, {
        kind: 'Status',
        message:
          'kustomizations.kustomize.toolkit.fluxcd.io "shop" is forbidden: User "system:serviceaccount:backstage:reader" cannot patch resource "kustomizations"',
      });
      const error = await failure(send());
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(
        /refused suspending Kustomization 'flux-system\/shop' \(403 Forbidden: .*cannot patch.*\); the backend's service account needs RBAC permission to patch kustomizations.kustomize.toolkit.fluxcd.io \(see docs\/permissions.md\)$/,
      );
      expect(stub.requests).toHaveLength(1);
    });

    it('names the object that is gone, and a conflicting change', async () => {
      patching(404, { kind: 'Status', message: 'not found' });
      expect((await failure(send())).message).toBe(
        "Kubernetes cluster 'prod-eu' has no Kustomization 'flux-system/shop' (404 Not Found: not found)",
      );
      patching(409, {
        kind: 'Status',
        message: 'the object has been modified',
      });
      expect((await failure(send())).message).toContain(
        'because the object changed since it was read (409 Conflict: the object has been modified); reload and try again',
      );
    });

    it('never resends a patch that failed', async () => {
      patching(503, { kind: 'Status', message: 'etcd leader changed' });
      await failure(send());
      expect(stub.requests).toHaveLength(1);
    });
  });
});
