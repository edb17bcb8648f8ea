import { rawGet } from '../__testUtils__/rawGet';
import { startKubeApiServer } from './server';
import type { KubeApiServer, KubeObject } from './types';

const KUSTOMIZATIONS = '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations';
const GIT_REPOSITORIES =
  '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories';
const HELM_REPOSITORIES = '/apis/source.toolkit.fluxcd.io/v1/helmrepositories';
const MiB = 1024 * 1024;

const object = (
  kind: string,
  apiVersion: string,
  name: string,
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'flux-system', labels: { team: 'web' } },
  spec: { interval: '5m', path: `./clusters/prod/${name}` },
});

describe('list faults of the fake Kubernetes API server', () => {
  let kube: KubeApiServer;

  beforeAll(async () => {
    kube = await startKubeApiServer({
      objects: [
        object('Kustomization', 'kustomize.toolkit.fluxcd.io/v1', 'web'),
        object('Kustomization', 'kustomize.toolkit.fluxcd.io/v1', 'api'),
        object('GitRepository', 'source.toolkit.fluxcd.io/v1', 'platform'),
      ],
    });
  });

  afterEach(() => {
    kube.setFault(undefined);
    kube.resetRequests();
  });

  afterAll(() => kube.close());

  const get = (path: string, options: { stopAfterBytes?: number } = {}) =>
    rawGet(
      `${kube.url}${path}`,
      { authorization: `Bearer ${kube.token}` },
      options,
    );

  it('streams a valid oversized <Kind>List of copies with distinct names, chunked', async () => {
    kube.setFault({ oversizeBytes: 2 * MiB });
    const result = await get(`${KUSTOMIZATIONS}?labelSelector=team%3Dweb`);
    expect(result.status).toBe(200);
    expect(result.headers['transfer-encoding']).toBe('chunked');
    expect(result.complete).toBe(true);
    expect(result.body.length).toBeGreaterThanOrEqual(2 * MiB);
    const list = JSON.parse(result.body.toString('utf8'));
    expect(list).toMatchObject({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'KustomizationList',
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
    });
    const names: string[] = list.items.map(
      (item: KubeObject) => item.metadata.name,
    );
    expect(names.slice(0, 2)).toEqual(['web-00000001', 'api-00000002']);
    expect(new Set(names).size).toBe(names.length);
    expect(list.items[0]).toMatchObject({
      kind: 'Kustomization',
      spec: { path: './clusters/prod/web' },
    });
  });

  it('copies a bare object when the cluster holds none of the kind, with a content-length if asked', async () => {
    kube.setFault({ oversizeBytes: 100_000, withContentLength: true });
    const result = await get(HELM_REPOSITORIES);
    expect(Number(result.headers['content-length'])).toBe(result.body.length);
    const list = JSON.parse(result.body.toString('utf8'));
    expect(list.kind).toBe('HelmRepositoryList');
    expect(list.items[0].metadata.name).toBe('oversize-00000001');
  });

  it('answers a complete 200 whose JSON is cut off with malformed', async () => {
    kube.setFault({ malformed: true });
    const result = await get(KUSTOMIZATIONS);
    expect(result.status).toBe(200);
    expect(result.complete).toBe(true);
    const text = result.body.toString('utf8');
    expect(text).toMatch(
      /^\{"apiVersion":.*"kind":"KustomizationList".*"items":\[\{/,
    );
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('cuts the real list after truncateAfterBytes, its full content-length announced', async () => {
    const whole = await get(KUSTOMIZATIONS);
    kube.setFault({ truncateAfterBytes: 120, times: 1 });
    const cut = await get(KUSTOMIZATIONS);
    expect(cut.status).toBe(200);
    expect(Number(cut.headers['content-length'])).toBe(whole.body.length);
    expect(cut.complete).toBe(false);
    expect(cut.body).toEqual(whole.body.subarray(0, 120));
    expect(kube.requests.map(r => r.status)).toEqual([200, 200]);
    expect((await get(KUSTOMIZATIONS)).complete).toBe(true);
  });

  it('cuts an oversized list with truncateAfterBytes', async () => {
    kube.setFault({ oversizeBytes: 2 * MiB, truncateAfterBytes: MiB });
    const cut = await get(KUSTOMIZATIONS);
    expect(Number(cut.headers['content-length'])).toBeGreaterThanOrEqual(
      2 * MiB,
    );
    expect(cut.body.length).toBe(MiB);
    expect(cut.complete).toBe(false);
  });

  it('hangs only GitRepository lists with a timeout for that resource (a hanging Flux source lookup)', async () => {
    kube.setFault({
      timeout: true,
      resource: 'gitrepositories.source.toolkit.fluxcd.io',
    });
    expect((await get(KUSTOMIZATIONS)).status).toBe(200);
    await expect(
      fetch(`${kube.url}${GIT_REPOSITORIES}`, {
        headers: { authorization: `Bearer ${kube.token}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow(/aborted/i);
    expect((await get(HELM_REPOSITORIES)).status).toBe(200);
    kube.setFault(undefined);
    const sources = JSON.parse((await get(GIT_REPOSITORIES)).body.toString());
    expect(sources.items.map((i: KubeObject) => i.metadata.name)).toEqual([
      'platform',
    ]);
  });

  it('applies body faults to one resource only, and only to lists it would answer', async () => {
    kube.setFault({
      malformed: true,
      resource: 'gitrepositories.source.toolkit.fluxcd.io',
    });
    const other = (await get(KUSTOMIZATIONS)).body.toString('utf8');
    expect(() => JSON.parse(other)).not.toThrow();
    const unauthorized = await rawGet(`${kube.url}${GIT_REPOSITORIES}`);
    expect(unauthorized.status).toBe(401);
    expect(() => JSON.parse(unauthorized.body.toString('utf8'))).not.toThrow();
  });

  it('rejects invalid body faults', () => {
    expect(() => kube.setFault({ oversizeBytes: -1 })).toThrow(
      'Invalid fault oversizeBytes -1',
    );
    expect(() => kube.setFault({ withContentLength: true })).toThrow(
      'needs oversizeBytes',
    );
  });
});
