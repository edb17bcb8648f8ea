import type { ApplicationsResponse } from '@gitops-guide/backstage-plugin-gitops-common';
import { fork, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import path from 'node:path';
import type { SimulatorReady } from './argocdSimulatorProcess';
import {
  SimulatorControl,
  startSimulatorProcess,
  stopSimulatorProcess,
} from './argocdSimulatorClient';
import {
  environment,
  formatMiB,
  formatMs,
  heading,
  summarize,
  table,
  verdict,
  writeFigures,
} from './report';
import type { WatchBackendMessage } from './watchBackendProcess';
import {
  APPLICATIONS,
  CHANGE_POLL_MS,
  CHANGE_SAMPLES,
  ENTITY_SERVICES,
  HISTORY_LENGTH,
  STEADY_CARD_LOADS,
  cardPath,
  multiNameEntity,
  prodApplication,
  serviceName,
} from './watchWorkload';

/**
 * Issue 15, "bench": Argo CD instances with 10,000 applications each,
 * watched (`instances[].watch: true`) against listed per request. Reports
 * the memory the watch costs above an idle backend, the time to the first
 * full list, upstream calls per card load at steady state, the
 * `argocd/app-name` multi-name case, and the time from a change in Argo CD
 * to the card (the bench polls the card every 5 ms after changing an
 * application through the simulator).
 */

const MEMORY_TARGET_BYTES = 150 * 1024 * 1024;
const CHANGE_P95_TARGET_MS = 500;
const SIGNAL_P95_TARGET_MS = 2000;

interface BackendProcess {
  child: ChildProcess;
  baseUrl: string;
  startMs: number;
}

function nextMessage<T extends WatchBackendMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<WatchBackendMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WatchBackendMessage) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<WatchBackendMessage, { type: T }>);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`The backend process exited with code ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function startBackend(
  simulator: SimulatorReady,
  watch: boolean,
): Promise<BackendProcess> {
  const child = fork(path.join(__dirname, 'watchBackendProcess.ts'), [], {
    env: {
      ...process.env,
      BENCH_SIMULATOR: JSON.stringify(simulator),
      BENCH_WATCH: String(watch),
    },
  });
  const ready = await nextMessage(child, 'ready');
  return { child, baseUrl: ready.baseUrl, startMs: ready.startMs };
}

async function memoryOf(backend: BackendProcess) {
  const answer = nextMessage(backend.child, 'memory');
  backend.child.send({ type: 'memory' });
  const { rss, heapUsed, peakRss } = await answer;
  return { rss, heapUsed, peakRss };
}

async function stopBackend(backend: BackendProcess): Promise<void> {
  const exited = new Promise(resolve => backend.child.once('exit', resolve));
  backend.child.disconnect();
  await exited;
}

async function getJson(url: string): Promise<any> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

async function card(
  baseUrl: string,
  entity: string,
): Promise<ApplicationsResponse> {
  return getJson(`${baseUrl}${cardPath(entity)}`);
}

/** Waits until both watches have listed; returns how long that took. */
async function waitUntilSynced(baseUrl: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const health = await getJson(`${baseUrl}/api/gitops/health`);
    if (health.watches?.synced === 2) return performance.now() - started;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** Upstream calls other than the watch streams themselves. */
async function upstreamCalls(sim: SimulatorControl) {
  const requests = await sim.requests();
  const calls = requests.filter(r => !r.path.startsWith('/api/v1/stream/'));
  return {
    total: calls.length,
    lists: calls.filter(r => r.path === '/api/v1/applications').length,
    unfilteredLists: calls.filter(
      r =>
        r.path === '/api/v1/applications' && !r.query.name && !r.query.selector,
    ).length,
  };
}

async function steadyCards(baseUrl: string, sim: SimulatorControl) {
  await sim.reset();
  for (let i = 0; i < STEADY_CARD_LOADS; i++) {
    const service = ENTITY_SERVICES[i % ENTITY_SERVICES.length];
    const entity = i % 2 ? multiNameEntity(service) : serviceName(service);
    const body = await card(baseUrl, entity);
    if (body.applications.length !== 3 || body.errors.length) {
      throw new Error(`${entity}: ${JSON.stringify(body).slice(0, 300)}`);
    }
  }
  return upstreamCalls(sim);
}

/** The multi-name card cold, with watch off: what each cache miss costs. */
async function multiNameListing(baseUrl: string, sim: SimulatorControl) {
  await sim.reset();
  const started = performance.now();
  await card(baseUrl, multiNameEntity(ENTITY_SERVICES[1]));
  const ms = performance.now() - started;
  return { ms, ...(await upstreamCalls(sim)) };
}

async function changeToCard(baseUrl: string, sim: SimulatorControl) {
  const samples: number[] = [];
  for (let i = 0; i < CHANGE_SAMPLES; i++) {
    const service = ENTITY_SERVICES[(i * 7) % ENTITY_SERVICES.length];
    const app = prodApplication(service);
    const message = `bench change ${i}`;
    const started = performance.now();
    await sim.setApplicationStatus(app.instance, app.name, {
      health: { status: i % 2 ? 'Degraded' : 'Progressing', message },
    });
    for (;;) {
      const body = await card(baseUrl, serviceName(service));
      const seen = body.applications.find(a => a.name === app.name);
      if (seen?.health.message === message) break;
      if (performance.now() - started > 30_000) {
        throw new Error(`${app.name}: the change never reached the card`);
      }
      await new Promise(resolve => setTimeout(resolve, CHANGE_POLL_MS));
    }
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/**
 * The page's side of the signals: a WebSocket to the signals backend as
 * the bench user (the test backend's default user, who also loads the
 * cards), subscribed to the GitOps channel. The signals backend starts
 * handling upgrades on the first upgrade request, as Backstage's frontend
 * finds out by reconnecting: so does this.
 */
async function openSignals(baseUrl: string): Promise<WebSocket> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/signals`;
  for (let attempt = 0; ; attempt++) {
    try {
      const socket = await new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url, 'mock-user-token', {
          handshakeTimeout: 2_000,
        });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
        ws.once('unexpected-response', (_req, res) =>
          reject(new Error(`refused with ${res.statusCode}`)),
        );
      });
      socket.send(
        JSON.stringify({ action: 'subscribe', channel: 'gitops:applications' }),
      );
      return socket;
    } catch (error) {
      console.error(
        `  … signals socket attempt ${attempt + 1}: ${String(error)}`,
      );
      if (attempt >= 20) throw error;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}

/** Time from a change in Argo CD to the signal for the entity on an open page's socket. */
async function changeToSignal(baseUrl: string, sim: SimulatorControl) {
  const socket = await openSignals(baseUrl);
  const received: { at: number; entityRef: string; names: string[] }[] = [];
  socket.on('message', data => {
    const { message } = JSON.parse(String(data));
    received.push({
      at: performance.now(),
      entityRef: message.entityRef,
      names: message.applications.map((app: { name: string }) => app.name),
    });
  });
  // Subscribing is asynchronous on the server: give it a moment.
  await new Promise(resolve => setTimeout(resolve, 200));
  const samples: number[] = [];
  const entityRefs = new Set<string>();
  for (let i = 0; i < CHANGE_SAMPLES; i++) {
    const service = ENTITY_SERVICES[(i * 11) % ENTITY_SERVICES.length];
    const app = prodApplication(service);
    // The page is open: it has loaded the card, which makes its user a viewer.
    await card(baseUrl, serviceName(service));
    received.length = 0;
    const started = performance.now();
    await sim.setApplicationStatus(app.instance, app.name, {
      health: {
        status: i % 2 ? 'Degraded' : 'Progressing',
        message: `signal ${i}`,
      },
    });
    for (;;) {
      const hit = received.find(
        r =>
          r.entityRef.endsWith(`/${serviceName(service)}`) &&
          r.names.includes(app.name),
      );
      if (hit) {
        samples.push(hit.at - started);
        received.forEach(r => entityRefs.add(r.entityRef));
        break;
      }
      if (performance.now() - started > 30_000) {
        throw new Error(`${app.name}: no signal within 30 s`);
      }
      await new Promise(resolve => setTimeout(resolve, 2));
    }
  }
  socket.close();
  return { ...summarize(samples), entities: [...entityRefs].sort() };
}

async function main() {
  console.log(heading('watch: 10,000 applications per Argo CD instance'));
  const simulator = await startSimulatorProcess({
    applications: APPLICATIONS,
    historyLength: HISTORY_LENGTH,
  });
  const sim = new SimulatorControl(simulator.url);
  try {
    const step = (what: string) => console.error(`  … ${what}`);
    step('an idle backend without watches');
    const idle = await startBackend(simulator, false);
    const idleMemory = await memoryOf(idle);
    const listing = await multiNameListing(idle.baseUrl, sim);
    await stopBackend(idle);

    step('a backend watching both instances');
    const watching = await startBackend(simulator, true);
    const syncMs = await waitUntilSynced(watching.baseUrl);
    const watchMemory = await memoryOf(watching);
    step('card loads at steady state');
    const steady = await steadyCards(watching.baseUrl, sim);
    step('changes to cards');
    const change = await changeToCard(watching.baseUrl, sim);
    step('changes to an open page through signals');
    const signal = await changeToSignal(watching.baseUrl, sim);
    const afterChanges = await upstreamCalls(sim);
    await stopBackend(watching);

    const storeRss = watchMemory.rss - idleMemory.rss;
    const figures = {
      environment: environment(),
      workload: {
        applicationsPerInstance: APPLICATIONS / simulator.instances.length,
        instances: simulator.instances.length,
        historyLength: HISTORY_LENGTH,
        entities: ENTITY_SERVICES.length * 2,
      },
      memory: {
        idle: idleMemory,
        watching: watchMemory,
        storeRss,
        storeHeap: watchMemory.heapUsed - idleMemory.heapUsed,
      },
      firstListMs: syncMs,
      steadyCardLoads: { loads: STEADY_CARD_LOADS, upstream: steady },
      multiNameWithoutWatch: listing,
      changeToCard: change,
      changeToSignal: signal,
      upstreamDuringChanges: afterChanges,
    };
    const file = await writeFigures('watch', figures);

    console.log(
      table(
        ['measure', 'figure', 'target', ''],
        [
          [
            'store RSS above an idle backend (after GC)',
            formatMiB(storeRss),
            '< 150 MiB',
            verdict(storeRss < MEMORY_TARGET_BYTES),
          ],
          [
            'store heap above an idle backend',
            formatMiB(watchMemory.heapUsed - idleMemory.heapUsed),
            '',
            '',
          ],
          ['peak RSS while listing', formatMiB(watchMemory.peakRss), '', ''],
          [
            'first full list of both instances',
            `${formatMs(syncMs)} ms`,
            '',
            '',
          ],
          [
            `upstream calls in ${STEADY_CARD_LOADS} card loads (half multi-name)`,
            steady.total,
            '0',
            verdict(steady.total === 0),
          ],
          [
            'change in Argo CD -> card, p50',
            `${formatMs(change.p50)} ms`,
            '',
            '',
          ],
          [
            'change in Argo CD -> card, p95',
            `${formatMs(change.p95)} ms`,
            '< 500 ms',
            verdict(change.p95 < CHANGE_P95_TARGET_MS),
          ],
          [
            'change in Argo CD -> open page (signal), p50',
            `${formatMs(signal.p50)} ms`,
            '',
            '',
          ],
          [
            'change in Argo CD -> open page (signal), p95',
            `${formatMs(signal.p95)} ms`,
            '< 2000 ms',
            verdict(signal.p95 < SIGNAL_P95_TARGET_MS),
          ],
          [
            `upstream calls during ${CHANGE_SAMPLES} changes (lists)`,
            `${afterChanges.total} (${afterChanges.lists})`,
            '0',
            verdict(afterChanges.total === 0),
          ],
          [
            'multi-name card cold without watch: unfiltered lists',
            listing.unfilteredLists,
            '',
            '',
          ],
          [
            'multi-name card cold without watch: time',
            `${formatMs(listing.ms)} ms`,
            '',
            '',
          ],
        ],
      ),
    );
    console.log(`\nFigures written to ${file}`);
  } finally {
    await stopSimulatorProcess(simulator);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
