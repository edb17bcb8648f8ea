import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawGet } from './__testUtils__/rawGet';
import {
  CHUNK_SIZE,
  sendTruncated,
  streamPieces,
  type StreamOutcome,
} from './chunkedWriter';

/** A server whose only answer is `respond`; `outcome` resolves with what the writer reported. */
async function serve(respond: (res: ServerResponse) => Promise<StreamOutcome>) {
  let report: (outcome: StreamOutcome) => void = () => {};
  const outcome = new Promise<StreamOutcome>(resolve => {
    report = resolve;
  });
  const server: Server = createServer((_req, res) => {
    respond(res).then(report);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    outcome,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `count` pieces of 1 KiB. */
function* kilobytes(count: number): Generator<string> {
  const piece = 'x'.repeat(1024);
  for (let i = 0; i < count; i++) {
    yield piece;
  }
}

describe('streamPieces', () => {
  it('streams every piece, chunked, and reports completion', async () => {
    const server = await serve(res => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return streamPieces(res, kilobytes(1024));
    });
    try {
      const result = await rawGet(server.url);
      expect(result.headers['transfer-encoding']).toBe('chunked');
      expect(result.headers['content-length']).toBeUndefined();
      expect(result.body.length).toBe(1024 * 1024);
      expect(await server.outcome).toEqual({
        bytesWritten: 1024 * 1024,
        completed: true,
      });
    } finally {
      await server.close();
    }
  });

  it('stops writing soon after the client goes away, as backpressure keeps it in step', async () => {
    const total = 512 * 1024; // pieces of 1 KiB: 512 MiB the writer would send if it ignored the client
    const server = await serve(res => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return streamPieces(res, kilobytes(total));
    });
    try {
      const result = await rawGet(
        server.url,
        {},
        { stopAfterBytes: 2 * 1024 * 1024 },
      );
      expect(result.complete).toBe(false);
      const outcome = await server.outcome;
      expect(outcome.completed).toBe(false);
      // What was received plus what socket buffers held; nowhere near the 512 MiB.
      expect(outcome.bytesWritten).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it('cuts the body after cutAfterBytes and destroys the socket', async () => {
    const server = await serve(res => {
      res.writeHead(200, {
        'content-type': 'text/plain',
        'content-length': 1024 * 1024,
      });
      return streamPieces(res, kilobytes(1024), {
        cutAfterBytes: CHUNK_SIZE + 10,
      });
    });
    try {
      const result = await rawGet(server.url);
      expect(result.status).toBe(200);
      expect(result.complete).toBe(false);
      expect(result.body.length).toBe(CHUNK_SIZE + 10);
      expect(await server.outcome).toEqual({
        bytesWritten: CHUNK_SIZE + 10,
        completed: false,
      });
    } finally {
      await server.close();
    }
  });
});

describe('sendTruncated', () => {
  it.each([
    [5, 5],
    [0, 0],
    [1000, 11], // never the whole body: at most all but its last byte
  ])(
    'announces the whole body and sends %i bytes of it as %i',
    async (after, sent) => {
      const body = '{"items":[]}';
      const server = await serve(res =>
        sendTruncated(res, 200, 'application/json', body, after),
      );
      try {
        const result = await rawGet(server.url);
        expect(result.status).toBe(200);
        expect(result.headers['content-length']).toBe(String(body.length));
        expect(result.complete).toBe(false);
        expect(result.body.toString()).toBe(body.slice(0, sent));
      } finally {
        await server.close();
      }
    },
  );
});
