import type {
  ApplicationDetail,
  ApplicationsResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  countUpstream,
  describeDetail,
  describeInstances,
  isPerInstance,
  nonMetadata,
  type SimulatorControl,
  type UpstreamCount,
} from './argocdSimulatorClient';
import type { SimulatorReady } from './argocdSimulatorProcess';
import { load, startBackend, type BenchBackend } from './argocdStatusBackend';
import {
  CARD_COLD_LOADS,
  CARD_SERIES_FIRST,
  cardPath,
  checkCard,
  checkDetail,
  CONCURRENT_LOADS,
  CONCURRENT_UPSTREAM_LATENCY_MS,
  DETAIL_COLD_LOADS,
  DETAIL_SERIES_FIRST,
  detailPath,
  HISTORY_LENGTH,
  prodApplication,
  serviceName,
  SHOWCASE,
  TTL_EXPIRY_SERVICE,
  WARM_ROUNDS,
  WARM_UP_SERVICES,
} from './argocdStatusWorkload';
import { summarize, type LatencySummary } from './report';

/**
 * The measured scenarios of the Argo CD status bench. Each uses services no
 * other one touches, so "cold" is never warmed by another scenario; the
 * order they run in still matters for memory, so `argocdStatus.ts` keeps it.
 */

/** The simulator and the backend every scenario but the TTL one loads through. */
export interface BenchRun {
  sim: SimulatorControl;
  instances: string[];
  primary: BenchBackend;
}

/** Upstream calls of one load or one burst, against its target. */
export interface CountRow {
  load: string;
  count: UpstreamCount;
  breakdown: string;
  target: string;
  pass: boolean;
}

/** Latency of a series of loads, with their upstream calls against the target. */
export interface SeriesRow {
  series: string;
  latency: LatencySummary;
  upstreamPerLoad: { min: number; max: number };
  /** The upstream calls counted are those of the whole concurrent run. */
  wholeBurst?: boolean;
  target: string;
  pass: boolean;
}

/** A concurrent run, as a row of each table plus its wall time. */
export interface BurstResult {
  countRow: CountRow;
  seriesRow: SeriesRow;
  wallMs: number;
  joinedInFlight: number;
}

/** JIT and connection warm-up on services no measurement uses. */
export async function warmUp(baseUrl: string): Promise<void> {
  for (const service of WARM_UP_SERVICES) {
    await load(baseUrl, cardPath(service));
    await load(baseUrl, detailPath(service));
  }
}

/** The upstream calls of whatever `run` loads, counted from a clean request log. */
async function countedLoad<T>(
  sim: SimulatorControl,
  run: () => Promise<T>,
): Promise<{ result: T; count: UpstreamCount }> {
  await sim.reset();
  const result = await run();
  return { result, count: countUpstream(await sim.requests()) };
}

/** One card load cold, then the same again warm. */
export async function measureCardLoads(run: BenchRun): Promise<CountRow[]> {
  const { sim, instances, primary } = run;
  const route = cardPath(SHOWCASE.card);
  const cold = await countedLoad(sim, () =>
    load<ApplicationsResponse>(primary.baseUrl, route),
  );
  checkCard(cold.result.body, SHOWCASE.card);
  const warm = await countedLoad(sim, () => load(primary.baseUrl, route));
  return [
    {
      load: `card cold (${serviceName(SHOWCASE.card)}, 3 apps)`,
      count: cold.count,
      breakdown: describeInstances(cold.count),
      target: '1 per instance',
      pass:
        isPerInstance(cold.count, instances, 1) &&
        cold.count.list === instances.length,
    },
    {
      load: 'card warm (same entity)',
      count: warm.count,
      breakdown: describeInstances(warm.count),
      target: '0',
      pass: warm.count.total === 0,
    },
  ];
}

/** One detail load cold (nothing cached, every revision unseen), then the same again warm. */
export async function measureDetailLoads(run: BenchRun): Promise<CountRow[]> {
  const { sim, primary } = run;
  const app = prodApplication(SHOWCASE.detail);
  const route = detailPath(SHOWCASE.detail);
  const cold = await countedLoad(sim, () =>
    load<ApplicationDetail>(primary.baseUrl, route),
  );
  const unseen = checkDetail(cold.result.body, SHOWCASE.detail);
  const warm = await countedLoad(sim, () => load(primary.baseUrl, route));
  return [
    {
      load: `detail cold (${app.instance}/${app.name}, ${HISTORY_LENGTH} history entries, ${unseen} unseen revisions, nothing cached)`,
      count: cold.count,
      breakdown: describeDetail(cold.count),
      target: `≤ 3 + ${unseen} metadata`,
      pass: nonMetadata(cold.count) <= 3 && cold.count.metadata <= unseen,
    },
    {
      load: 'detail warm (same app)',
      count: warm.count,
      breakdown: describeDetail(warm.count),
      target: '0',
      pass: warm.count.total === 0,
    },
  ];
}

/**
 * Fires the loads at once. A load that reached the status service before the
 * last upstream answer of the run was sent cannot have been served by the
 * cache: it shared the in-flight call.
 */
async function concurrent<T>(
  sim: SimulatorControl,
  backend: BenchBackend,
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

type Burst<T> = Awaited<ReturnType<typeof concurrent<T>>>;

/** The rows of both tables for a burst; its upstream calls count once for all its loads. */
function burstResult<T>(
  burst: Burst<T>,
  rows: {
    load: string;
    series: string;
    breakdown: string;
    target: string;
    seriesTarget: string;
    pass: boolean;
  },
): BurstResult {
  return {
    countRow: {
      load: rows.load,
      count: burst.count,
      breakdown: `${rows.breakdown}; ${burst.joinedInFlight}/${CONCURRENT_LOADS} joined the in-flight call`,
      target: rows.target,
      pass: rows.pass,
    },
    seriesRow: {
      series: rows.series,
      latency: summarize(burst.loads.map(l => l.ms)),
      upstreamPerLoad: { min: burst.count.total, max: burst.count.total },
      wholeBurst: true,
      target: rows.seriesTarget,
      pass: rows.pass,
    },
    wallMs: burst.wallMs,
    joinedInFlight: burst.joinedInFlight,
  };
}

/** Concurrent card loads of one entity: every load arrives while the first upstream call is still out. */
export async function measureCardBurst(run: BenchRun): Promise<BurstResult> {
  const service = SHOWCASE.concurrentCard;
  const burst = await concurrent<ApplicationsResponse>(
    run.sim,
    run.primary,
    cardPath(service),
  );
  burst.loads.forEach(({ body }) => checkCard(body, service));
  return burstResult(burst, {
    load: `${CONCURRENT_LOADS} concurrent card loads of one entity, cold (${serviceName(
      service,
    )}, +${CONCURRENT_UPSTREAM_LATENCY_MS} ms upstream)`,
    series: `card, ${CONCURRENT_LOADS} concurrent, cold, +${CONCURRENT_UPSTREAM_LATENCY_MS} ms upstream`,
    breakdown: describeInstances(burst.count),
    target: '1 per instance',
    seriesTarget: '1 per instance (all loads)',
    pass: isPerInstance(burst.count, run.instances, 1),
  });
}

/** Concurrent detail loads of one application, cold. */
export async function measureDetailBurst(run: BenchRun): Promise<BurstResult> {
  const service = SHOWCASE.concurrentDetail;
  const burst = await concurrent<ApplicationDetail>(
    run.sim,
    run.primary,
    detailPath(service),
  );
  const unseen = checkDetail(burst.loads[0].body, service);
  return burstResult(burst, {
    load: `${CONCURRENT_LOADS} concurrent detail loads of one app, cold (${
      prodApplication(service).name
    }, +${CONCURRENT_UPSTREAM_LATENCY_MS} ms upstream)`,
    series: `detail, ${CONCURRENT_LOADS} concurrent, cold, +${CONCURRENT_UPSTREAM_LATENCY_MS} ms upstream`,
    breakdown: describeDetail(burst.count),
    target: `≤ 3 + ${unseen} metadata`,
    seriesTarget: `≤ 3 + ${unseen} (all loads)`,
    pass: nonMetadata(burst.count) <= 3 && burst.count.metadata <= unseen,
  });
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
    const { result, count } = await countedLoad(sim, () =>
      load<T>(baseUrl, route),
    );
    latencies.push(result.ms);
    perLoad.push(count);
    check(result.body);
  }
  return { latencies, perLoad };
}

const range = (counts: UpstreamCount[]) => ({
  min: Math.min(...counts.map(c => c.total)),
  max: Math.max(...counts.map(c => c.total)),
});

const consecutive = (first: number, length: number) =>
  Array.from({ length }, (_, i) => first + i);

const repeat = <T>(items: T[]) =>
  Array.from({ length: WARM_ROUNDS }, () => items).flat();

/** Latency series: distinct services for cold, the same ones again for warm. */
export async function measureLatencySeries(
  run: BenchRun,
): Promise<SeriesRow[]> {
  const { sim, instances, primary } = run;
  const cardRoutes = consecutive(CARD_SERIES_FIRST, CARD_COLD_LOADS).map(
    service => ({
      route: cardPath(service),
      check: (body: ApplicationsResponse) => checkCard(body, service),
    }),
  );
  const detailRoutes = consecutive(DETAIL_SERIES_FIRST, DETAIL_COLD_LOADS).map(
    service => ({
      route: detailPath(service),
      check: (body: ApplicationDetail) => {
        checkDetail(body, service);
      },
    }),
  );

  const cardCold = await series(sim, primary.baseUrl, cardRoutes);
  const cardWarm = await series(sim, primary.baseUrl, repeat(cardRoutes));
  const detailCold = await series(sim, primary.baseUrl, detailRoutes);
  const detailWarm = await series(sim, primary.baseUrl, repeat(detailRoutes));
  return [
    {
      series: 'card cold',
      latency: summarize(cardCold.latencies),
      upstreamPerLoad: range(cardCold.perLoad),
      target: '1 per instance',
      pass: cardCold.perLoad.every(c => isPerInstance(c, instances, 1)),
    },
    {
      series: 'card warm',
      latency: summarize(cardWarm.latencies),
      upstreamPerLoad: range(cardWarm.perLoad),
      target: '0',
      pass: cardWarm.perLoad.every(c => c.total === 0),
    },
    {
      series: 'detail cold (nothing cached)',
      latency: summarize(detailCold.latencies),
      upstreamPerLoad: range(detailCold.perLoad),
      target: `≤ 3 + ${HISTORY_LENGTH} metadata`,
      pass: detailCold.perLoad.every(
        c => nonMetadata(c) <= 3 && c.metadata <= HISTORY_LENGTH,
      ),
    },
    {
      series: 'detail warm',
      latency: summarize(detailWarm.latencies),
      upstreamPerLoad: range(detailWarm.perLoad),
      target: '0',
      pass: detailWarm.perLoad.every(c => c.total === 0),
    },
  ];
}

/** Revision metadata outlives the status cache: after the TTL only the status is asked again. */
export async function measureAfterTtlExpiry(
  simulator: SimulatorReady,
  sim: SimulatorControl,
): Promise<CountRow> {
  const short = await startBackend(simulator, 1);
  try {
    await load(short.baseUrl, detailPath(TTL_EXPIRY_SERVICE));
    await sleep(1_100);
    const { count } = await countedLoad(sim, () =>
      load(short.baseUrl, detailPath(TTL_EXPIRY_SERVICE)),
    );
    return {
      load: `detail after the status cache expired (TTL 1 s; ${HISTORY_LENGTH} revisions already seen)`,
      count,
      breakdown: describeDetail(count),
      target: '≤ 3 + 0 metadata',
      pass: nonMetadata(count) <= 3 && count.metadata === 0,
    };
  } finally {
    await short.backend.stop();
  }
}
