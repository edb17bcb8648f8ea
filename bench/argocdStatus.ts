import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { RecordedRequest } from '@gitops-guide/argocd-simulator';
import gitopsPlugin, {
  argoCdStatusServiceRef,
  DefaultArgoCdStatusService,
  type ArgoCdStatusService,
} from '@gitops-guide/backstage-plugin-gitops-backend';
import type {
  ApplicationDetail,
  ApplicationsResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulatorReady } from './argocdSimulatorProcess';
import {
  environment,
  formatMiB,
  formatMs,
  heading,
  collectGarbage,
  MemoryPeak,
  memoryNow,
  silentLogger,
  summarize,
  table,
  verdict,
  writeFigures,
  type LatencySummary,
} from './report';

/**
 * Issue 3, "what it must show" 4: upstream requests, latency and peak memory
 * of the Argo CD card and tab, measured through HTTP against the simulator
 * with 1,000 generated applications and 20-entry histories.
 */

const APPLICATIONS = 1000;
const HISTORY_LENGTH = 20;
const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
/** Services with all three environments (`svc-0000` … `svc-0332`). */
const SERVICES = Math.floor(APPLICATIONS / ENVIRONMENTS.length);
const CARD_COLD_LOADS = 200;
const DETAIL_COLD_LOADS = 100;
const WARM_ROUNDS = 3;
const CONCURRENT_LOADS = 200;
/** Added to every upstream answer during the concurrency runs, so all loads overlap the first upstream call. */
const CONCURRENT_UPSTREAM_LATENCY_MS = 200;
/** Long enough that "warm" stays warm for the whole run. */
const CACHE_TTL_SECONDS = 600;

// Which services each measurement uses, so "cold" is never warmed by another one.
const SHOWCASE = { card: 1, detail: 2, concurrentCard: 3, concurrentDetail: 4 };
const CARD_SERIES_FIRST = 10;
const DETAIL_SERIES_FIRST = CARD_SERIES_FIRST + CARD_COLD_LOADS;
const TTL_EXPIRY_SERVICE = 320;
const WARM_UP_SERVICES = [330, 331];

const serviceName = (index: number) => `svc-${String(index).padStart(4, '0')}`;

/** The generator deals apps round-robin over `central` and `edge`. */
function prodApplication(service: number) {
  const index = service * ENVIRONMENTS.length + 2;
  return {
    instance: index % 2 === 0 ? 'central' : 'edge',
    name: `${serviceName(service)}-prod`,
  };
}

function serviceEntity(service: number): Entity {
  const name = serviceName(service);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'argocd/app-selector': `app.kubernetes.io/part-of=${name}`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-load' },
  };
}

const cardPath = (service: number) =>
  `/api/gitops/entities/component/default/${serviceName(service)}/applications`;

function detailPath(service: number) {
  const app = prodApplication(service);
  return `${cardPath(service)}/${app.instance}/${encodeURIComponent(app.name)}`;
}

// --- the simulator, in its own process ---------------------------------------

interface SimulatorHandle extends SimulatorReady {
  child: ChildProcess;
}

async function startSimulatorProcess(): Promise<SimulatorHandle> {
  const child = fork(path.join(__dirname, 'argocdSimulatorProcess.ts'), [], {
    env: {
      ...process.env,
      BENCH_APPLICATIONS: String(APPLICATIONS),
      BENCH_HISTORY_LENGTH: String(HISTORY_LENGTH),
    },
  });
  const ready = await new Promise<SimulatorReady>((resolve, reject) => {
    child.once('message', message => resolve(message as SimulatorReady));
    child.once('error', reject);
    child.once('exit', code =>
      reject(new Error(`The simulator exited with code ${code}`)),
    );
  });
  child.removeAllListeners('exit');
  return { ...ready, child };
}

async function stopSimulatorProcess(handle: SimulatorHandle): Promise<void> {
  const exited = new Promise(resolve => handle.child.once('exit', resolve));
  handle.child.disconnect();
  await exited;
}

class SimulatorControl {
  constructor(private readonly url: string) {}

  async reset(): Promise<void> {
    await this.#call('DELETE', '/requests');
  }

  async requests(): Promise<RecordedRequest[]> {
    return (await this.#call('GET', '/requests')).json();
  }

  async setLatency(ms: number): Promise<void> {
    await this.#call('POST', '/latency', { ms });
  }

  async #call(method: string, route: string, body?: unknown) {
    const res = await fetch(`${this.url}/_sim${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) {
      throw new Error(`Simulator control ${method} ${route}: ${res.status}`);
    }
    return res;
  }
}

// --- counting upstream calls -------------------------------------------------

interface UpstreamCount {
  total: number;
  byInstance: Record<string, number>;
  list: number;
  application: number;
  resourceTree: number;
  metadata: number;
  other: number;
}

function countUpstream(requests: RecordedRequest[]): UpstreamCount {
  const count: UpstreamCount = {
    total: requests.length,
    byInstance: {},
    list: 0,
    application: 0,
    resourceTree: 0,
    metadata: 0,
    other: 0,
  };
  for (const request of requests) {
    count.byInstance[request.instance] =
      (count.byInstance[request.instance] ?? 0) + 1;
    if (request.path === '/api/v1/applications') count.list += 1;
    else if (/^\/api\/v1\/applications\/[^/]+$/.test(request.path)) {
      count.application += 1;
    } else if (request.path.endsWith('/resource-tree')) {
      count.resourceTree += 1;
    } else if (request.path.endsWith('/metadata')) count.metadata += 1;
    else count.other += 1;
  }
  return count;
}

const nonMetadata = (count: UpstreamCount) => count.total - count.metadata;

function describeInstances(count: UpstreamCount): string {
  const entries = Object.entries(count.byInstance).sort();
  return entries.length
    ? entries.map(([name, n]) => `${name} ${n}`).join(', ')
    : 'none';
}

function describeDetail(count: UpstreamCount): string {
  return `list ${count.list}, app ${count.application}, tree ${count.resourceTree} + metadata ${count.metadata}`;
}

// --- loading through HTTP ----------------------------------------------------

interface Loaded<T> {
  ms: number;
  body: T;
}

async function load<T>(baseUrl: string, route: string): Promise<Loaded<T>> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${route}`);
  const body = (await res.json()) as T;
  const ms = performance.now() - started;
  if (res.status !== 200) {
    throw new Error(
      `GET ${route} answered ${res.status}: ${JSON.stringify(body)}`,
    );
  }
  return { ms, body };
}

function checkCard(body: ApplicationsResponse, service: number): void {
  if (body.applications.length !== ENVIRONMENTS.length || body.errors.length) {
    throw new Error(
      `${serviceName(service)}: expected ${
        ENVIRONMENTS.length
      } applications and no errors, got ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
}

/** Distinct history revisions: each is one metadata call the first time it is seen. */
function checkDetail(body: ApplicationDetail, service: number): number {
  if (body.history.length !== HISTORY_LENGTH) {
    throw new Error(
      `${serviceName(
        service,
      )}: expected ${HISTORY_LENGTH} history entries, got ${
        body.history.length
      }`,
    );
  }
  if (!body.history.every(entry => entry.author)) {
    throw new Error(`${serviceName(service)}: history without commit authors`);
  }
  return new Set(body.history.map(entry => entry.revision)).size;
}

/**
 * The default Argo CD status service, noting when each load reaches it, so a
 * concurrency run can tell loads that joined the in-flight upstream call
 * from loads answered by the cache after it.
 */
function timestampedStatusService(arrivals: number[]) {
  return createServiceFactory({
    service: argoCdStatusServiceRef,
    deps: {
      config: coreServices.rootConfig,
      logger: coreServices.logger,
      cache: coreServices.cache,
    },
    factory({ config, logger, cache }): ArgoCdStatusService {
      const service = DefaultArgoCdStatusService.fromConfig(config, {
        logger,
        cache,
      });
      return {
        getApplications(target) {
          arrivals.push(Date.now());
          return service.getApplications(target);
        },
        getApplicationDetail(target, application) {
          arrivals.push(Date.now());
          return service.getApplicationDetail(target, application);
        },
      };
    },
  });
}

async function startBackend(sim: SimulatorReady, cacheTtlSeconds: number) {
  const arrivals: number[] = [];
  const entities = Array.from({ length: SERVICES }, (_, i) => serviceEntity(i));
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      gitopsPlugin,
      timestampedStatusService(arrivals),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          gitops: {
            argocd: {
              instances: sim.instances.map(name => ({
                name,
                url: `${sim.url}/${name}`,
                token: sim.tokens[name],
              })),
              cacheTtlSeconds,
              timeoutMs: 10_000,
            },
          },
        },
      }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => silentLogger,
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    backend,
    baseUrl: `http://127.0.0.1:${port}`,
    startMs: performance.now() - started,
    arrivals,
  };
}

// --- the measurements --------------------------------------------------------

interface CountRow {
  load: string;
  count: UpstreamCount;
  breakdown: string;
  target: string;
  pass: boolean;
}

interface SeriesRow {
  series: string;
  latency: LatencySummary;
  upstreamPerLoad: { min: number; max: number };
  /** The upstream calls counted are those of the whole concurrent run. */
  wholeBurst?: boolean;
  target: string;
  pass: boolean;
}

/** One load at a time, with the upstream calls of each load counted on its own. */
async function series<T>(
  sim: SimulatorControl,
  baseUrl: string,
  routes: { route: string; check: (body: T) => void }[],
): Promise<{ latencies: number[]; perLoad: UpstreamCount[] }> {
  const latencies: number[] = [];
  const perLoad: UpstreamCount[] = [];
  for (const { route, check } of routes) {
    await sim.reset();
    const { ms, body } = await load<T>(baseUrl, route);
    const count = countUpstream(await sim.requests());
    latencies.push(ms);
    perLoad.push(count);
    check(body);
  }
  return { latencies, perLoad };
}

const range = (counts: UpstreamCount[]) => ({
  min: Math.min(...counts.map(c => c.total)),
  max: Math.max(...counts.map(c => c.total)),
});

/**
 * Fires the loads at once. A load that reached the status service before the
 * last upstream answer of the run was sent cannot have been served by the
 * cache: it shared the in-flight call.
 */
async function concurrent<T>(
  sim: SimulatorControl,
  backend: { baseUrl: string; arrivals: number[] },
  route: string,
) {
  await sim.setLatency(CONCURRENT_UPSTREAM_LATENCY_MS);
  await sim.reset();
  backend.arrivals.length = 0;
  const started = performance.now();
  const loads = await Promise.all(
    Array.from({ length: CONCURRENT_LOADS }, () =>
      load<T>(backend.baseUrl, route),
    ),
  );
  const wallMs = performance.now() - started;
  const requests = await sim.requests();
  await sim.setLatency(0);
  const lastAnswer = Math.max(
    ...requests.map(r => Date.parse(r.at) + r.durationMs),
  );
  const joinedInFlight = backend.arrivals.filter(at => at < lastAnswer).length;
  return { loads, count: countUpstream(requests), wallMs, joinedInFlight };
}

async function main() {
  const memory = new MemoryPeak().start();
  console.log(heading('Argo CD status: upstream economy, latency, memory'));
  console.log(
    `Measured through HTTP: the gitops backend plugin on startTestBackend (real in-memory cache of @backstage/backend-defaults,
in-memory catalog with ${SERVICES} entities, mock auth), one load at a time unless noted, against the Argo CD simulator in
its own process with ${APPLICATIONS} applications and ${HISTORY_LENGTH}-entry histories (instances central and edge, no added
latency unless noted). Entities select their apps with argocd/app-selector: app.kubernetes.io/part-of=svc-NNNN.`,
  );

  const simulator = await startSimulatorProcess();
  const sim = new SimulatorControl(simulator.url);
  const instanceCount = simulator.instances.length;
  const primary = await startBackend(simulator, CACHE_TTL_SECONDS);
  const { baseUrl } = primary;
  collectGarbage();
  const baseline = memoryNow();

  try {
    // JIT and connection warm-up on services no measurement uses.
    for (const service of WARM_UP_SERVICES) {
      await load(baseUrl, cardPath(service));
      await load(baseUrl, detailPath(service));
    }

    // Single loads whose upstream calls are shown one by one.
    const counts: CountRow[] = [];
    const perInstance = (count: UpstreamCount, n: number) =>
      count.total === n * instanceCount &&
      simulator.instances.every(name => count.byInstance[name] === n);

    await sim.reset();
    const cardCold = await load<ApplicationsResponse>(
      baseUrl,
      cardPath(SHOWCASE.card),
    );
    checkCard(cardCold.body, SHOWCASE.card);
    const cardColdCount = countUpstream(await sim.requests());
    counts.push({
      load: `card cold (${serviceName(SHOWCASE.card)}, 3 apps)`,
      count: cardColdCount,
      breakdown: describeInstances(cardColdCount),
      target: '1 per instance',
      pass:
        perInstance(cardColdCount, 1) && cardColdCount.list === instanceCount,
    });

    await sim.reset();
    await load(baseUrl, cardPath(SHOWCASE.card));
    const cardWarmCount = countUpstream(await sim.requests());
    counts.push({
      load: 'card warm (same entity)',
      count: cardWarmCount,
      breakdown: describeInstances(cardWarmCount),
      target: '0',
      pass: cardWarmCount.total === 0,
    });

    const detailApp = prodApplication(SHOWCASE.detail);
    await sim.reset();
    const detailCold = await load<ApplicationDetail>(
      baseUrl,
      detailPath(SHOWCASE.detail),
    );
    const unseen = checkDetail(detailCold.body, SHOWCASE.detail);
    const detailColdCount = countUpstream(await sim.requests());
    counts.push({
      load: `detail cold (${detailApp.instance}/${detailApp.name}, ${HISTORY_LENGTH} history entries, ${unseen} unseen revisions, nothing cached)`,
      count: detailColdCount,
      breakdown: describeDetail(detailColdCount),
      target: `≤ 3 + ${unseen} metadata`,
      pass:
        nonMetadata(detailColdCount) <= 3 && detailColdCount.metadata <= unseen,
    });

    await sim.reset();
    await load(baseUrl, detailPath(SHOWCASE.detail));
    const detailWarmCount = countUpstream(await sim.requests());
    counts.push({
      load: 'detail warm (same app)',
      count: detailWarmCount,
      breakdown: describeDetail(detailWarmCount),
      target: '0',
      pass: detailWarmCount.total === 0,
    });

    // Concurrency: every load arrives while the first upstream call is still out.
    const burstCard = await concurrent<ApplicationsResponse>(
      sim,
      primary,
      cardPath(SHOWCASE.concurrentCard),
    );
    burstCard.loads.forEach(({ body }) =>
      checkCard(body, SHOWCASE.concurrentCard),
    );
    counts.push({
      load: `${CONCURRENT_LOADS} concurrent card loads of one entity, cold (${serviceName(
        SHOWCASE.concurrentCard,
      )}, +${CONCURRENT_UPSTREAM_LATENCY_MS} ms upstream)`,
      count: burstCard.count,
      breakdown: `${describeInstances(burstCard.count)}; ${
        burstCard.joinedInFlight
      }/${CONCURRENT_LOADS} joined the in-flight call`,
      target: '1 per instance',
      pass: perInstance(burstCard.count, 1),
    });

    const burstDetail = await concurrent<ApplicationDetail>(
      sim,
      primary,
      detailPath(SHOWCASE.concurrentDetail),
    );
    const burstUnseen = checkDetail(
      burstDetail.loads[0].body,
      SHOWCASE.concurrentDetail,
    );
    counts.push({
      load: `${CONCURRENT_LOADS} concurrent detail loads of one app, cold (${
        prodApplication(SHOWCASE.concurrentDetail).name
      }, +${CONCURRENT_UPSTREAM_LATENCY_MS} ms upstream)`,
      count: burstDetail.count,
      breakdown: `${describeDetail(burstDetail.count)}; ${
        burstDetail.joinedInFlight
      }/${CONCURRENT_LOADS} joined the in-flight call`,
      target: `≤ 3 + ${burstUnseen} metadata`,
      pass:
        nonMetadata(burstDetail.count) <= 3 &&
        burstDetail.count.metadata <= burstUnseen,
    });

    // Latency series: distinct services for cold, the same ones again for warm.
    const cardServices = Array.from(
      { length: CARD_COLD_LOADS },
      (_, i) => CARD_SERIES_FIRST + i,
    );
    const detailServices = Array.from(
      { length: DETAIL_COLD_LOADS },
      (_, i) => DETAIL_SERIES_FIRST + i,
    );
    const cardRoutes = cardServices.map(service => ({
      route: cardPath(service),
      check: (body: ApplicationsResponse) => checkCard(body, service),
    }));
    const detailRoutes = detailServices.map(service => ({
      route: detailPath(service),
      check: (body: ApplicationDetail) => {
        checkDetail(body, service);
      },
    }));
    const repeat = <T>(items: T[]) =>
      Array.from({ length: WARM_ROUNDS }, () => items).flat();

    const cardColdSeries = await series(sim, baseUrl, cardRoutes);
    const cardWarmSeries = await series(sim, baseUrl, repeat(cardRoutes));
    const detailColdSeries = await series(sim, baseUrl, detailRoutes);
    const detailWarmSeries = await series(sim, baseUrl, repeat(detailRoutes));
    const memoryPeak = memory.stop();
    collectGarbage();
    const memoryEnd = memoryNow();

    const rows: SeriesRow[] = [
      {
        series: 'card cold',
        latency: summarize(cardColdSeries.latencies),
        upstreamPerLoad: range(cardColdSeries.perLoad),
        target: '1 per instance',
        pass: cardColdSeries.perLoad.every(c => perInstance(c, 1)),
      },
      {
        series: 'card warm',
        latency: summarize(cardWarmSeries.latencies),
        upstreamPerLoad: range(cardWarmSeries.perLoad),
        target: '0',
        pass: cardWarmSeries.perLoad.every(c => c.total === 0),
      },
      {
        series: 'detail cold (nothing cached)',
        latency: summarize(detailColdSeries.latencies),
        upstreamPerLoad: range(detailColdSeries.perLoad),
        target: `≤ 3 + ${HISTORY_LENGTH} metadata`,
        pass: detailColdSeries.perLoad.every(
          c => nonMetadata(c) <= 3 && c.metadata <= HISTORY_LENGTH,
        ),
      },
      {
        series: 'detail warm',
        latency: summarize(detailWarmSeries.latencies),
        upstreamPerLoad: range(detailWarmSeries.perLoad),
        target: '0',
        pass: detailWarmSeries.perLoad.every(c => c.total === 0),
      },
      {
        series: `card, ${CONCURRENT_LOADS} concurrent, cold, +${CONCURRENT_UPSTREAM_LATENCY_MS} ms upstream`,
        latency: summarize(burstCard.loads.map(l => l.ms)),
        upstreamPerLoad: {
          min: burstCard.count.total,
          max: burstCard.count.total,
        },
        wholeBurst: true,
        target: '1 per instance (all loads)',
        pass: perInstance(burstCard.count, 1),
      },
      {
        series: `detail, ${CONCURRENT_LOADS} concurrent, cold, +${CONCURRENT_UPSTREAM_LATENCY_MS} ms upstream`,
        latency: summarize(burstDetail.loads.map(l => l.ms)),
        upstreamPerLoad: {
          min: burstDetail.count.total,
          max: burstDetail.count.total,
        },
        wholeBurst: true,
        target: `≤ 3 + ${burstUnseen} (all loads)`,
        pass:
          nonMetadata(burstDetail.count) <= 3 &&
          burstDetail.count.metadata <= burstUnseen,
      },
    ];

    // Revision metadata outlives the status cache: after the TTL only the status is asked again.
    const short = await startBackend(simulator, 1);
    let ttlRow: CountRow;
    try {
      await load(short.baseUrl, detailPath(TTL_EXPIRY_SERVICE));
      await sleep(1_100);
      await sim.reset();
      await load(short.baseUrl, detailPath(TTL_EXPIRY_SERVICE));
      const count = countUpstream(await sim.requests());
      ttlRow = {
        load: `detail after the status cache expired (TTL 1 s; ${HISTORY_LENGTH} revisions already seen)`,
        count,
        breakdown: describeDetail(count),
        target: '≤ 3 + 0 metadata',
        pass: nonMetadata(count) <= 3 && count.metadata === 0,
      };
    } finally {
      await short.backend.stop();
    }
    counts.splice(4, 0, ttlRow);

    // --- print ---
    console.log(heading('Upstream requests per load'));
    console.log(
      table(
        ['load', 'requests', 'breakdown', 'target', ''],
        counts.map(row => [
          row.load,
          row.count.total,
          row.breakdown,
          row.target,
          verdict(row.pass),
        ]),
      ),
    );

    console.log(heading('Latency (ms, client-observed HTTP round trip)'));
    console.log(
      table(
        [
          'series',
          'loads',
          'p50',
          'p95',
          'p99',
          'max',
          'upstream calls',
          'target',
          '',
        ],
        rows.map(row => [
          row.series,
          row.latency.samples,
          formatMs(row.latency.p50),
          formatMs(row.latency.p95),
          formatMs(row.latency.p99),
          formatMs(row.latency.max),
          `${
            row.upstreamPerLoad.min === row.upstreamPerLoad.max
              ? row.upstreamPerLoad.min
              : `${row.upstreamPerLoad.min}–${row.upstreamPerLoad.max}`
          } per ${row.wholeBurst ? 'burst' : 'load'}`,
          row.target,
          verdict(row.pass),
        ]),
      ),
    );
    console.log(
      `Concurrent runs: ${CONCURRENT_LOADS} card loads in ${formatMs(
        burstCard.wallMs,
      )} ms wall, ${CONCURRENT_LOADS} detail loads in ${formatMs(
        burstDetail.wallMs,
      )} ms wall.`,
    );

    console.log(heading('Memory of the backend process (simulator excluded)'));
    console.log(
      table(
        ['', 'RSS', 'heap used'],
        [
          [
            'after startup (after GC)',
            formatMiB(baseline.rss),
            formatMiB(baseline.heapUsed),
          ],
          [
            'peak',
            formatMiB(memoryPeak.peakRss),
            formatMiB(memoryPeak.peakHeapUsed),
          ],
          [
            'at the end, caches full (after GC)',
            formatMiB(memoryEnd.rss),
            formatMiB(memoryEnd.heapUsed),
          ],
        ],
      ),
    );
    console.log(
      `Backend startup ${formatMs(
        primary.startMs,
      )} ms. RSS includes tsx compiling the TypeScript sources and the knowledge base; peak heap is sampled every 5 ms.`,
    );

    const allPass = [...counts, ...rows].every(row => row.pass);
    console.log(
      `\nArgo CD status targets: ${allPass ? 'all PASS' : 'some MISS'}`,
    );

    const file = await writeFigures('argocd-status', {
      bench: 'argocd-status',
      level:
        'HTTP: gitops backend plugin on startTestBackend, real in-memory cache, in-memory catalog, mock auth; simulator in its own process',
      environment: environment(),
      setup: {
        applications: APPLICATIONS,
        historyLength: HISTORY_LENGTH,
        instances: simulator.instances,
        entities: SERVICES,
        cacheTtlSeconds: CACHE_TTL_SECONDS,
        concurrentLoads: CONCURRENT_LOADS,
        concurrentUpstreamLatencyMs: CONCURRENT_UPSTREAM_LATENCY_MS,
      },
      upstreamRequests: counts,
      latencyMs: rows,
      concurrent: {
        card: {
          wallMs: burstCard.wallMs,
          joinedInFlight: burstCard.joinedInFlight,
        },
        detail: {
          wallMs: burstDetail.wallMs,
          joinedInFlight: burstDetail.joinedInFlight,
        },
      },
      memoryBytes: {
        afterStartup: baseline,
        peakRss: memoryPeak.peakRss,
        peakHeapUsed: memoryPeak.peakHeapUsed,
        atEnd: memoryEnd,
      },
      backendStartMs: primary.startMs,
      allPass,
    });
    console.log(`Figures written to ${file}`);
  } finally {
    await primary.backend.stop();
    await stopSimulatorProcess(simulator);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
