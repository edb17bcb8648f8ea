import { startKubeApiServer } from './server';
import type { KubeApiServer, KubeObject } from './types';

const KUSTOMIZATIONS = '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations';

const kustomization = (
  name: string,
  labels: Record<string, string> = { team: 'web' },
): KubeObject => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name, namespace: 'flux-system', labels },
  spec: { interval: '5m', sourceRef: { kind: 'GitRepository', name: 'x' } },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
});

interface WatchEvent {
  type: string;
  object: KubeObject & { code?: number; reason?: string };
}

/** An open watch: the events read so far, whether the server ended it, and a way to close it. */
interface OpenWatch {
  events: WatchEvent[];
  ended: Promise<void>;
  close(): void;
}

describe('watches on the fake Kubernetes API server', () => {
  let kube: KubeApiServer;
  const open: OpenWatch[] = [];

  beforeAll(async () => {
    kube = await startKubeApiServer({
      objects: [kustomization('web'), kustomization('api', { team: 'api' })],
      watchBookmarkIntervalMs: 50,
    });
  });

  afterEach(async () => {
    open.splice(0).forEach(stream => stream.close());
    await kube.resetState();
    kube.setFault(undefined);
    kube.resetRequests();
  });

  afterAll(async () => {
    await kube.close();
  });

  async function watch(query: string): Promise<OpenWatch> {
    const controller = new AbortController();
    const res = await fetch(`${kube.url}${KUSTOMIZATIONS}?${query}`, {
      headers: { authorization: `Bearer ${kube.token}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const events: WatchEvent[] = [];
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const ended = (async () => {
      let buffered = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffered += value;
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          events.push(...lines.map(line => JSON.parse(line)));
        }
      } catch {
        // aborted by the test
      }
    })();
    const opened = { events, ended, close: () => controller.abort() };
    open.push(opened);
    return opened;
  }

  async function list() {
    const res = await fetch(`${kube.url}${KUSTOMIZATIONS}`, {
      headers: { authorization: `Bearer ${kube.token}` },
    });
    return res.json();
  }

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    expect(check()).toBe(true);
  };

  const summary = (events: WatchEvent[]) =>
    events
      .filter(event => event.type !== 'BOOKMARK')
      .map(event => `${event.type} ${event.object.metadata.name}`);

  it('starts with an ADDED event per object, then streams changes with increasing resourceVersions', async () => {
    const stream = await watch('watch=true');
    await until(() => stream.events.length === 2);
    expect(summary(stream.events)).toEqual(['ADDED web', 'ADDED api']);
    expect(kube.openWatches()).toBe(1);
    expect(kube.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: KUSTOMIZATIONS,
        watch: true,
      }),
    ]);

    const web = kube.getObject(kustomization('web'))!;
    const degraded = kube.putObject({
      ...web,
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
    });
    kube.putObject(kustomization('new'));
    expect(kube.deleteObject(kustomization('api'))).toBe(true);
    expect(kube.deleteObject(kustomization('api'))).toBe(false);
    await until(() => stream.events.length === 5);
    expect(summary(stream.events)).toEqual([
      'ADDED web',
      'ADDED api',
      'MODIFIED web',
      'ADDED new',
      'DELETED api',
    ]);
    expect(stream.events[2].object).toEqual(degraded);
    expect(degraded.metadata.uid).toBe(web.metadata.uid);
    const versions = stream.events
      .slice(2)
      .map(event => Number(event.object.metadata.resourceVersion));
    expect(versions[0]).toBeGreaterThan(Number(web.metadata.resourceVersion));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(3);
  });

  it('replays the changes after the resourceVersion it is given, and streams a PATCH', async () => {
    const { metadata } = await list();
    kube.putObject({ ...kustomization('web'), spec: { interval: '1m' } });
    const stream = await watch(
      `watch=1&resourceVersion=${metadata.resourceVersion}`,
    );
    await until(() => stream.events.length === 1);
    expect(summary(stream.events)).toEqual(['MODIFIED web']);

    const patched = await fetch(
      `${kube.url}/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/api`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${kube.token}`,
          'content-type': 'application/merge-patch+json',
        },
        body: JSON.stringify({ spec: { suspend: true } }),
      },
    );
    expect(patched.status).toBe(200);
    await until(() => stream.events.length === 2);
    expect(stream.events[1]).toMatchObject({
      type: 'MODIFIED',
      object: { metadata: { name: 'api' }, spec: { suspend: true } },
    });
  });

  it('answers a compacted resourceVersion with a 410 Expired ERROR event and ends the stream', async () => {
    const { metadata } = await list();
    kube.putObject(kustomization('new'));
    expect(kube.dropWatches({ compact: true })).toBe(0);
    const stream = await watch(
      `watch=true&resourceVersion=${metadata.resourceVersion}`,
    );
    await stream.ended;
    expect(stream.events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
        }),
      },
    ]);
    expect(kube.openWatches()).toBe(0);
  });

  it('follows its selectors: an object leaving them is DELETED for the watch, one entering them ADDED', async () => {
    const stream = await watch(
      `watch=true&labelSelector=${encodeURIComponent('team=web')}`,
    );
    await until(() => stream.events.length === 1);
    kube.putObject(kustomization('web', { team: 'api' }));
    kube.putObject(kustomization('api', { team: 'web' }));
    kube.putObject(kustomization('other', { team: 'other' }));
    await until(() => stream.events.length === 3);
    expect(summary(stream.events)).toEqual([
      'ADDED web',
      'DELETED web',
      'ADDED api',
    ]);
  });

  it('sends bookmarks when asked, with the current resourceVersion', async () => {
    const stream = await watch('watch=true&allowWatchBookmarks=true');
    await until(() => stream.events.some(event => event.type === 'BOOKMARK'));
    const bookmark = stream.events.find(event => event.type === 'BOOKMARK')!;
    expect(bookmark.object).toEqual({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { resourceVersion: (await list()).metadata.resourceVersion },
    });
  });

  it('ends every open watch on dropWatches and on a reset, and counts them', async () => {
    const first = await watch('watch=true');
    const second = await watch('watch=true&resourceVersion=0');
    await until(() => kube.openWatches() === 2);
    expect(kube.dropWatches()).toBe(2);
    await Promise.all([first.ended, second.ended]);
    expect(kube.openWatches()).toBe(0);

    const third = await watch('watch=true');
    await until(() => kube.openWatches() === 1);
    await kube.resetState();
    await third.ended;
    expect(kube.openWatches()).toBe(0);
  });

  it('applies faults to watches too', async () => {
    kube.setFault({ status: 503, times: 1 });
    const res = await fetch(`${kube.url}${KUSTOMIZATIONS}?watch=true`, {
      headers: { authorization: `Bearer ${kube.token}` },
    });
    expect(res.status).toBe(503);
    expect(kube.requests[0]).toMatchObject({ watch: true, status: 503 });
  });
});
