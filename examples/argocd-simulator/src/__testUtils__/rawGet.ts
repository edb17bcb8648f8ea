import { get, type IncomingHttpHeaders } from 'node:http';

export interface RawResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Whether the whole body arrived (false when the server cut it, or the client stopped reading). */
  complete: boolean;
}

/**
 * A GET with `node:http`, which shows what fetch hides: transfer encoding, a body cut off before its
 * content-length, and the bytes received before that. `stopAfterBytes` closes the connection once that many
 * bytes have arrived, like a client enforcing a size limit.
 */
export function rawGet(
  url: string,
  headers: Record<string, string> = {},
  options: { stopAfterBytes?: number } = {},
): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const req = get(url, { headers, agent: false }, res => {
      responded = true;
      const chunks: Buffer[] = [];
      let received = 0;
      const finish = () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          complete: res.complete,
        });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (
          options.stopAfterBytes !== undefined &&
          received >= options.stopAfterBytes
        ) {
          req.destroy();
        }
      });
      res.on('error', () => {}); // 'aborted' when the server cuts the body; `complete` says so
      res.on('close', finish);
    });
    // Once a response came, its 'close' settles the result, whatever the request reports
    req.on('error', error => {
      if (!responded) {
        reject(error);
      }
    });
  });
}
