import type { ApplicationsResponse } from '@gitops-guide/backstage-plugin-gitops-common';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  countUpstream,
  SimulatorControl,
  startSimulatorProcess,
  stopSimulatorProcess,
} from './argocdSimulatorClient';
import {
  cpuTimeMs,
  guestToken,
  startWarmPathBackend,
  waitForCatalog,
  waitForWatches,
  type WarmPathBackend,
} from './warmPathBackend';
import { concurrent, LoadClient, serial } from './warmPathLoad';
import {
  printIntro,
  reportResults,
  type RouteName,
  type SanityCheck,
  type SerialSample,
  type Window,
} from './warmPathReport';
import {
  APPLICATIONS,
  byNamePath,
  cardPath,
  checkCard,
  CONCURRENCY,
  formOf,
  HISTORY_LENGTH,
  SERIAL_PAIRS,
  SERVICES,
  WATCH,
  WINDOW_MS,
  WINDOW_PAIRS,
  WINDOW_WARM_UP_MS,
} from './warmPathWorkload';

/**
 * Issue 15, item 6, "a cheap warm path": a warm GitOps card against the
 * catalog's own by-name lookup of the same entity, side by side, on a
 * real backend (`warmPathBackendProcess.ts`: backend-defaults, auth with
 * the guest provider, catalog, permission backend with the demo's policy,
 * signals, gitops) with the same guest token, one load at a time and
 * {@link CONCURRENCY} at once. The card may cost 1.5 lookups.
 *
 * The routes are interleaved (pairs of loads, pairs of windows) so that the
 * rest of the machine weighs on both alike; the tables are in
 * `warmPathReport.ts`.
 */

const ROUTES: Record<RouteName, (service: number) => string> = {
  'by-name': byNamePath,
  card: cardPath,
};

/** The services in a fixed shuffled order, so consecutive loads hit different rows and cache keys. */
const ORDER = Array.from({ length: SERVICES }, (_, i) => (i * 7919) % SERVICES);

const pathsOf = (route: RouteName) => ORDER.map(ROUTES[route]);

/** The card of every entity once (cold: fills the cache, checks the answer), and the lookup of each. */
async function warmUp(client: LoadClient): Promise<void> {
  for (const service of ORDER) {
    checkCard(
      await client.json<ApplicationsResponse>(cardPath(service)),
      service,
    );
    await client.json(byNamePath(service));
  }
  // JIT: both routes again, a few hundred times each, at both concurrencies.
  for (const route of ['by-name', 'card'] as RouteName[]) {
    await serial(client, pathsOf(route));
    await concurrent(client, pathsOf(route), {
      concurrency: CONCURRENCY,
      warmUpMs: 0,
      measureMs: 1_000,
    });
  }
}

/** What the read check must still do on the warm path; none of it may reach upstream. */
async function sanityChecks(
  baseUrl: string,
  client: LoadClient,
): Promise<SanityCheck[]> {
  const missing = await client.get(
    '/api/gitops/entities/component/default/no-such-service/applications',
  );
  const anonymous = await fetch(`${baseUrl}${cardPath(0)}`);
  const forged = await fetch(`${baseUrl}${cardPath(0)}`, {
    headers: { authorization: 'Bearer not-a-token' },
  });
  return [
    {
      check: 'card of an entity the catalog does not return',
      status: missing.status,
      expected: 404,
    },
    { check: 'card without a token', status: anonymous.status, expected: 401 },
    {
      check: 'card with a forged token',
      status: forged.status,
      expected: 401,
    },
  ];
}

/** One load at a time: the lookup and the card of each entity, in alternating order. */
async function measureSerial(client: LoadClient): Promise<SerialSample[]> {
  const samples: SerialSample[] = [];
  for (let i = 0; i < SERIAL_PAIRS; i++) {
    const service = ORDER[i % SERVICES];
    const routes: RouteName[] =
      i % 2 === 0 ? ['by-name', 'card'] : ['card', 'by-name'];
    for (const route of routes) {
      const [ms] = await serial(client, [ROUTES[route](service)]);
      samples.push({ route, form: formOf(service), ms });
    }
  }
  return samples;
}

/** `BENCH_CPU_PROF_DIR=<dir>`: a backend CPU profile of each window, `<route>-window<n>.cpuprofile`. */
const PROFILE_DIRECTORY = process.env.BENCH_CPU_PROF_DIR;

/** Windows of concurrent loads, one route at a time, in pairs of alternating order. */
async function measureConcurrent(
  client: LoadClient,
  backend: WarmPathBackend,
): Promise<Window[]> {
  const windows: Window[] = [];
  for (let pair = 0; pair < WINDOW_PAIRS; pair++) {
    const routes: RouteName[] =
      pair % 2 === 0 ? ['by-name', 'card'] : ['card', 'by-name'];
    for (const route of routes) {
      let cpuStart: number | undefined;
      let cpuEnd: number | undefined;
      const run = await concurrent(
        client,
        pathsOf(route),
        {
          concurrency: CONCURRENCY,
          warmUpMs: WINDOW_WARM_UP_MS,
          measureMs: WINDOW_MS,
        },
        {
          start: () => {
            cpuStart = cpuTimeMs(backend.pid);
            if (PROFILE_DIRECTORY) backend.profileStart();
          },
          end: () => {
            cpuEnd = cpuTimeMs(backend.pid);
          },
        },
      );
      if (PROFILE_DIRECTORY) {
        await mkdir(PROFILE_DIRECTORY, { recursive: true });
        await backend.profileStop(
          path.join(
            PROFILE_DIRECTORY,
            `${route}-window${windows.length + 1}.cpuprofile`,
          ),
        );
      }
      windows.push({
        pair,
        route,
        latencies: run.latencies,
        seconds: run.seconds,
        backendCpuMs:
          cpuStart !== undefined && cpuEnd !== undefined
            ? cpuEnd - cpuStart
            : undefined,
      });
    }
  }
  return windows;
}

async function main() {
  printIntro();
  const simulator = await startSimulatorProcess({
    applications: APPLICATIONS,
    historyLength: HISTORY_LENGTH,
  });
  const sim = new SimulatorControl(simulator.url);
  const backend = await startWarmPathBackend(simulator);
  let client: LoadClient | undefined;
  try {
    const catalogMs = await waitForCatalog(backend.baseUrl);
    if (WATCH) {
      await waitForWatches(backend.baseUrl, simulator.instances.length);
    }
    const token = await guestToken(backend.baseUrl);
    client = new LoadClient(backend.baseUrl, token, CONCURRENCY);

    await sim.reset();
    await warmUp(client);
    const coldUpstream = countUpstream(await sim.requests());

    await sim.reset();
    const sanity = await sanityChecks(backend.baseUrl, client);
    const serialSamples = await measureSerial(client);
    const windows = await measureConcurrent(client, backend);
    const warmUpstream = countUpstream(await sim.requests());

    await reportResults({
      instances: simulator.instances,
      backendStartMs: backend.startMs,
      catalogMs,
      coldUpstream,
      warmUpstream,
      sanity,
      serialSamples,
      windows,
    });
  } finally {
    client?.close();
    await backend.stop();
    await stopSimulatorProcess(simulator);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
