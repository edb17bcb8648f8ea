import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulatorReady } from './argocdSimulatorProcess';
import type {
  WarmPathBackendReady,
  WarmPathProfileMessage,
} from './warmPathBackendProcess';
import { catalogYaml, GUEST_REF, SERVICES } from './warmPathWorkload';

/**
 * The bench's side of the warm path backend (`warmPathBackendProcess.ts`):
 * starting it on a free port with the generated catalog, signing in as the
 * guest, waiting for the catalog to hold every entity, reading its CPU time.
 *
 * `BENCH_BACKEND_LOGS=1` shows the backend's log.
 */

export interface WarmPathBackend {
  baseUrl: string;
  pid: number;
  startMs: number;
  /** Starts a CPU profile in the backend. */
  profileStart(): void;
  /** Stops it and writes it to `file` (a `.cpuprofile` for Chrome DevTools). */
  profileStop(file: string): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startWarmPathBackend(
  simulator: SimulatorReady,
): Promise<WarmPathBackend> {
  const started = performance.now();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'gitops-warm-path-'));
  const catalogFile = path.join(directory, 'catalog-info.yaml');
  await writeFile(catalogFile, catalogYaml());
  const port = await freePort();
  const logs = process.env.BENCH_BACKEND_LOGS === '1';
  const child: ChildProcess = fork(
    path.join(__dirname, 'warmPathBackendProcess.ts'),
    [],
    {
      env: {
        ...process.env,
        BENCH_SIMULATOR: JSON.stringify(simulator),
        BENCH_PORT: String(port),
        BENCH_CATALOG_FILE: catalogFile,
      },
      // The backend logs every request, as a real one does; nobody reads it here.
      stdio: logs ? 'inherit' : ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const ready = await new Promise<WarmPathBackendReady>((resolve, reject) => {
    child.once('message', message => resolve(message as WarmPathBackendReady));
    child.once('error', reject);
    child.once('exit', code =>
      reject(
        new Error(
          `The backend exited with code ${code} (BENCH_BACKEND_LOGS=1 shows its log)`,
        ),
      ),
    );
  });
  child.removeAllListeners('exit');
  return {
    baseUrl: ready.baseUrl,
    pid: child.pid!,
    startMs: performance.now() - started,
    profileStart() {
      const message: WarmPathProfileMessage = { type: 'profile-start' };
      child.send(message);
    },
    async profileStop(file) {
      const profiled = new Promise<void>(resolve => {
        const onMessage = (answer: { type?: string }) => {
          if (answer.type !== 'profiled') return;
          child.off('message', onMessage);
          resolve();
        };
        child.on('message', onMessage);
      });
      const message: WarmPathProfileMessage = { type: 'profile-stop', file };
      child.send(message);
      await profiled;
    },
    async stop() {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.disconnect();
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A guest sign-in, as the demo's frontend does it: the user token of `user:development/guest`. */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`);
  if (!res.ok) {
    throw new Error(
      `Guest sign-in answered ${res.status}: ${await res.text()}`,
    );
  }
  const body = (await res.json()) as {
    backstageIdentity: { token: string; identity: { userEntityRef: string } };
  };
  if (body.backstageIdentity.identity.userEntityRef !== GUEST_REF) {
    throw new Error(
      `Signed in as ${body.backstageIdentity.identity.userEntityRef}`,
    );
  }
  return body.backstageIdentity.token;
}

/** With watched instances: waits until every watch has read its full list. */
export async function waitForWatches(
  baseUrl: string,
  instances: number,
  timeoutMs = 60_000,
): Promise<void> {
  const started = performance.now();
  for (;;) {
    const health = (await (
      await fetch(`${baseUrl}/api/gitops/health`)
    ).json()) as {
      watches?: { synced: number };
    };
    if ((health.watches?.synced ?? 0) >= instances) return;
    if (performance.now() - started > timeoutMs) {
      throw new Error(
        `Watches not synced after ${timeoutMs} ms: ${JSON.stringify(health)}`,
      );
    }
    await sleep(100);
  }
}

/** Waits until the catalog has processed the file: every service, and the guest user. */
export async function waitForCatalog(
  baseUrl: string,
  timeoutMs = 120_000,
): Promise<number> {
  const started = performance.now();
  // A service token is not at hand; the guest's will do (the policy lets it read everything).
  const token = await guestToken(baseUrl);
  const headers = { authorization: `Bearer ${token}` };
  for (;;) {
    const [components, guest] = await Promise.all([
      fetch(
        `${baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
        { headers },
      ).then(res => res.json() as Promise<{ totalItems: number }>),
      fetch(`${baseUrl}/api/catalog/entities/by-name/user/development/guest`, {
        headers,
      }),
    ]);
    if (components.totalItems >= SERVICES && guest.ok) {
      return performance.now() - started;
    }
    if (performance.now() - started > timeoutMs) {
      throw new Error(
        `The catalog holds ${components.totalItems} of ${SERVICES} components after ${timeoutMs} ms`,
      );
    }
    await sleep(250);
  }
}

/** User plus system CPU time of a process so far, in ms (Linux: /proc/<pid>/stat). */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux.
  } catch {
    return undefined;
  }
}
