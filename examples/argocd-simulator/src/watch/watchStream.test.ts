import { createServer, type Server } from 'node:http';
import { InstanceStore } from '../instanceStore';
import { listen } from '../listen';
import { BUNDLED_SCENARIO_DIR, loadScenarioDir } from '../scenarios';
import { OpenStreams } from './openStreams';
import { watchQuery } from './watchQuery';
import { serveWatch, type WatchStreamFault } from './watchStream';

let store: InstanceStore;
let streams: OpenStreams;
let server: Server;
let url: string;
let fault: WatchStreamFault | undefined;

beforeEach(async () => {
  const [central] = await loadScenarioDir(BUNDLED_SCENARIO_DIR);
  store = new InstanceStore(central);
  streams = new OpenStreams();
  fault = undefined;
  server = createServer((req, res) => {
    const query = new URL(req.url!, 'http://simulator').searchParams;
    streams.add('central', res);
    serveWatch(res, store, watchQuery(query), fault);
  });
  url = await listen(server, {});
});

afterEach(
  () =>
    new Promise<void>(resolve => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

async function until(condition: () => boolean) {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('Timed out waiting');
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

/** Opens a stream; once its headers are here, the server side has subscribed. */
async function open(query = '?name=payments-api-prod') {
  const controller = new AbortController();
  const response = await fetch(`${url}/${query}`, {
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const nextChunk = async () =>
    new TextDecoder().decode((await reader.read()).value);
  return { controller, reader, nextChunk };
}

const change = () => {
  const record = store.find('argocd', 'payments-api-prod')!;
  store.replace(record, record.application);
};

describe('serveWatch', () => {
  it('unsubscribes from the store when the client goes away', async () => {
    const { controller, nextChunk } = await open();
    expect(JSON.parse(await nextChunk()).result.type).toBe('ADDED');
    expect(store.listenerCount).toBe(1);
    controller.abort();
    await until(() => store.listenerCount === 0);
    expect(streams.count()).toBe(0);
    expect(change).not.toThrow();
  });

  it('unsubscribes when the stream is dropped', async () => {
    const { reader } = await open();
    expect(streams.drop('central')).toBe(1);
    await expect(
      (async () => {
        for (;;) {
          if ((await reader.read()).done) {
            return;
          }
        }
      })(),
    ).rejects.toThrow();
    await until(() => store.listenerCount === 0);
  });

  it('unsubscribes when a fault ends the stream, leaving nothing behind on later changes', async () => {
    fault = { streamError: 'gone', streamErrorAfterEvents: 1 };
    const { reader } = await open();
    let body = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      body += new TextDecoder().decode(value);
    }
    expect(body.split('\n').map(line => line && JSON.parse(line))).toEqual([
      { result: expect.objectContaining({ type: 'ADDED' }) },
      { error: expect.objectContaining({ message: 'gone' }) },
      '',
    ]);
    expect(store.listenerCount).toBe(0);
    change();
  });

  it('sends each change as it happens, to every open stream', async () => {
    const a = await open(`?resourceVersion=${store.resourceVersion}`);
    const b = await open();
    expect(JSON.parse(await b.nextChunk()).result.type).toBe('ADDED');
    expect(store.listenerCount).toBe(2);
    change();
    const line = await a.nextChunk();
    expect(JSON.parse(line).result).toMatchObject({
      type: 'MODIFIED',
      application: { metadata: { resourceVersion: store.resourceVersion } },
    });
    expect(await b.nextChunk()).toBe(line);
    a.controller.abort();
    b.controller.abort();
    await until(() => store.listenerCount === 0);
  });
});
