import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * The warm path bench's HTTP client: keep-alive connections from
 * `node:http` (lighter than `fetch`, so the client leaves the backend as
 * much CPU as it can on a small machine), one load at a time or a fixed
 * number in flight for a fixed time.
 */

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

export class LoadClient {
  readonly #agent: http.Agent;
  readonly #host: string;
  readonly #port: number;
  readonly #token: string;

  constructor(baseUrl: string, token: string, maxSockets: number) {
    const url = new URL(baseUrl);
    this.#host = url.hostname;
    this.#port = Number(url.port);
    this.#token = token;
    this.#agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** One GET with the user's token, timed from the request to the last byte. */
  get(path: string): Promise<Answer> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.#host,
          port: this.#port,
          path,
          agent: this.#agent,
          headers: { authorization: `Bearer ${this.#token}` },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** A GET that must answer 200; its body parsed. */
  async json<T>(path: string): Promise<T> {
    const answer = await this.get(path);
    if (answer.status !== 200) {
      throw new Error(
        `GET ${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`,
      );
    }
    return JSON.parse(answer.body) as T;
  }

  close(): void {
    this.#agent.destroy();
  }
}

async function expect200(client: LoadClient, path: string): Promise<number> {
  const answer = await client.get(path);
  if (answer.status !== 200) {
    throw new Error(
      `GET ${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`,
    );
  }
  return answer.ms;
}

/** Loads `paths` one at a time; the latency of each, in order. */
export async function serial(
  client: LoadClient,
  paths: string[],
): Promise<number[]> {
  const latencies: number[] = [];
  for (const path of paths) {
    latencies.push(await expect200(client, path));
  }
  return latencies;
}

/** One window of concurrent loads: the latency of each load that ended inside it. */
export interface ConcurrentRun {
  latencies: number[];
  seconds: number;
}

/** Called when the measured window opens and when it closes (by timers, so within a few ms). */
export interface WindowHooks {
  start(): void;
  end(): void;
}

/**
 * `concurrency` clients, each loading the next path as soon as its last
 * load answered: `warmUpMs` not counted, then `measureMs` counted. A load
 * counts when it ends inside the measured window.
 */
export async function concurrent(
  client: LoadClient,
  paths: string[],
  options: { concurrency: number; warmUpMs: number; measureMs: number },
  hooks?: WindowHooks,
): Promise<ConcurrentRun> {
  const { concurrency, warmUpMs, measureMs } = options;
  const started = performance.now();
  if (hooks) {
    setTimeout(hooks.start, warmUpMs);
    setTimeout(hooks.end, warmUpMs + measureMs);
  }
  const measureFrom = started + warmUpMs;
  const end = measureFrom + measureMs;
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const path = paths[next++ % paths.length];
      const ms = await expect200(client, path);
      const now = performance.now();
      if (now >= measureFrom && now <= end) latencies.push(ms);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, seconds: measureMs / 1000 };
}
