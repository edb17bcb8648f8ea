import type { UpstreamCount } from './argocdSimulatorClient';
import {
  environment,
  formatMs,
  heading,
  summarize,
  table,
  verdict,
  writeFigures,
  type LatencySummary,
} from './report';
import {
  ANNOTATION_FORMS,
  APPLICATIONS,
  CACHE_TTL_SECONDS,
  CONCURRENCY,
  FIGURES_NAME,
  HISTORY_LENGTH,
  SERIAL_PAIRS,
  SERVICES,
  TARGET_RATIO,
  WATCH,
  WINDOW_MS,
  WINDOW_PAIRS,
  WINDOW_WARM_UP_MS,
  type AnnotationForm,
} from './warmPathWorkload';

/** The warm path bench's console tables and `bench/out/warm-path.json`. */

export type RouteName = 'by-name' | 'card';
const ROUTE_NAMES: RouteName[] = ['by-name', 'card'];

/** One load of the serial (concurrency 1) measurement. */
export interface SerialSample {
  route: RouteName;
  form: AnnotationForm;
  ms: number;
}

/** One window of the concurrent measurement. */
export interface Window {
  pair: number;
  route: RouteName;
  latencies: number[];
  seconds: number;
  /** Backend CPU (user + system) during the window. */
  backendCpuMs?: number;
}

export interface SanityCheck {
  check: string;
  status: number;
  expected: number;
}

export interface WarmPathResults {
  instances: string[];
  backendStartMs: number;
  catalogMs: number;
  coldUpstream: UpstreamCount;
  warmUpstream: UpstreamCount;
  sanity: SanityCheck[];
  serialSamples: SerialSample[];
  windows: Window[];
}

export function printIntro(): void {
  console.log(heading('Warm path: the GitOps card against the catalog lookup'));
  console.log(
    `Measured through HTTP on a real backend in its own process (backend-defaults, auth with the guest provider, catalog
from a file of ${SERVICES} annotated components, permission backend with the demo's policy, signals, gitops plugin;
Argo CD simulator in its own process with ${APPLICATIONS} applications, ${
      WATCH
        ? 'watched (lists in memory)'
        : `cached (TTL ${CACHE_TTL_SECONDS} s)`
    }). Same guest token for both routes:
GET /api/catalog/entities/by-name/component/default/<svc> and GET /api/gitops/entities/component/default/<svc>/applications,
warm (every card loaded once first), interleaved: ${SERIAL_PAIRS} pairs of loads one at a time, then ${WINDOW_PAIRS} pairs of
${WINDOW_MS} ms windows at concurrency ${CONCURRENCY}, each route first in every other pair.`,
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
};

const round2 = (value: number) => Math.round(value * 100) / 100;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Concurrency {@link CONCURRENCY} figures of one route, over all its windows. */
interface ConcurrentFigures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  backendCpuMsPerRequest?: number;
}

function concurrentFigures(windows: Window[]): ConcurrentFigures {
  const requests = sum(windows.map(w => w.latencies.length));
  const seconds = sum(windows.map(w => w.seconds));
  const cpu = windows.map(w => w.backendCpuMs);
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    latency: summarize(windows.flatMap(w => w.latencies)),
    backendCpuMsPerRequest: cpu.every(ms => ms !== undefined)
      ? sum(cpu as number[]) / requests
      : undefined,
  };
}

/** Each pair of windows on its own: how the ratio moves with whatever else the machine does. */
interface PairFigures {
  pair: number;
  requestsPerSecond: Record<RouteName, number>;
  cpuMsPerRequest: Record<RouteName, number | undefined>;
  /** Lookups per card, by throughput. */
  ratio: number;
  /** Lookups per card, by backend CPU. */
  cpuRatio?: number;
}

function pairFigures(windows: Window[]): PairFigures[] {
  return Array.from({ length: WINDOW_PAIRS }, (_, pair) => {
    const of = (route: RouteName) =>
      windows.find(w => w.pair === pair && w.route === route)!;
    const rps = (w: Window) => w.latencies.length / w.seconds;
    const cpu = (w: Window) =>
      w.backendCpuMs === undefined || w.latencies.length === 0
        ? undefined
        : w.backendCpuMs / w.latencies.length;
    const byName = of('by-name');
    const card = of('card');
    const cpuByName = cpu(byName);
    const cpuCard = cpu(card);
    return {
      pair,
      requestsPerSecond: { 'by-name': rps(byName), card: rps(card) },
      cpuMsPerRequest: { 'by-name': cpuByName, card: cpuCard },
      ratio: rps(byName) / rps(card),
      cpuRatio:
        cpuByName !== undefined && cpuCard !== undefined
          ? cpuCard / cpuByName
          : undefined,
    };
  });
}

interface ComparisonRow {
  figure: string;
  byName: number;
  card: number;
  /** How many lookups the card costs by this figure. */
  ratio: number;
  /** Of the same figure, each pair of windows on its own. */
  pairs?: { median: number; min: number; max: number };
  format: (value: number) => string;
  targeted: boolean;
}

const spread = (ratios: number[]) => ({
  median: median(ratios),
  min: Math.min(...ratios),
  max: Math.max(...ratios),
});

function comparison(
  serialByRoute: Record<RouteName, LatencySummary>,
  concurrentByRoute: Record<RouteName, ConcurrentFigures>,
  pairs: PairFigures[],
): ComparisonRow[] {
  const latency = (
    label: string,
    byName: number,
    card: number,
    targeted: boolean,
  ): ComparisonRow => ({
    figure: label,
    byName,
    card,
    ratio: card / byName,
    format: formatMs,
    targeted,
  });
  const byName = concurrentByRoute['by-name'];
  const card = concurrentByRoute.card;
  const cpuRatios = pairs.flatMap(p => p.cpuRatio ?? []);
  return [
    latency(
      'concurrency 1: p50 (ms)',
      serialByRoute['by-name'].p50,
      serialByRoute.card.p50,
      true,
    ),
    latency(
      'concurrency 1: p95 (ms)',
      serialByRoute['by-name'].p95,
      serialByRoute.card.p95,
      false,
    ),
    {
      figure: `concurrency ${CONCURRENCY}: requests/s`,
      byName: byName.requestsPerSecond,
      card: card.requestsPerSecond,
      ratio: byName.requestsPerSecond / card.requestsPerSecond,
      pairs: spread(pairs.map(p => p.ratio)),
      format: value => value.toFixed(0),
      targeted: true,
    },
    latency(
      `concurrency ${CONCURRENCY}: p95 (ms)`,
      byName.latency.p95,
      card.latency.p95,
      false,
    ),
    {
      ...latency(
        'backend CPU per request (ms)',
        byName.backendCpuMsPerRequest ?? Number.NaN,
        card.backendCpuMsPerRequest ?? Number.NaN,
        false,
      ),
      ...(cpuRatios.length ? { pairs: spread(cpuRatios) } : {}),
    },
  ];
}

function describeCount(count: UpstreamCount): string {
  const entries = Object.entries(count.byInstance).sort();
  return entries.length
    ? entries.map(([name, n]) => `${name} ${n}`).join(', ')
    : 'none';
}

const byRoute = <T>(make: (route: RouteName) => T) =>
  Object.fromEntries(ROUTE_NAMES.map(route => [route, make(route)])) as Record<
    RouteName,
    T
  >;

export async function reportResults(results: WarmPathResults): Promise<void> {
  const { serialSamples, windows } = results;
  const serialByRoute = byRoute(route =>
    summarize(serialSamples.filter(s => s.route === route).map(s => s.ms)),
  );
  const serialByForm = byRoute(route =>
    Object.fromEntries(
      ANNOTATION_FORMS.map(form => [
        form,
        summarize(
          serialSamples
            .filter(s => s.route === route && s.form === form)
            .map(s => s.ms),
        ).p50,
      ]),
    ),
  );
  const concurrentByRoute = byRoute(route =>
    concurrentFigures(windows.filter(w => w.route === route)),
  );
  const pairs = pairFigures(windows);
  const rows = comparison(serialByRoute, concurrentByRoute, pairs);
  const targetPass = rows
    .filter(row => row.targeted)
    .every(row => row.ratio <= TARGET_RATIO);
  const upstreamPass = results.warmUpstream.total === 0;
  const sanityPass = results.sanity.every(s => s.status === s.expected);

  console.log(heading('Warm card against the by-name lookup'));
  console.log(
    table(
      [
        'figure',
        'by-name',
        'card',
        'card costs',
        'pairs of windows',
        'target',
        '',
      ],
      rows.map(row => [
        row.figure,
        row.format(row.byName),
        row.format(row.card),
        `${row.ratio.toFixed(2)}x`,
        row.pairs
          ? `${row.pairs.median.toFixed(2)}x (${row.pairs.min.toFixed(
              2,
            )}–${row.pairs.max.toFixed(2)})`
          : '',
        row.targeted ? `≤ ${TARGET_RATIO}x` : '',
        row.targeted ? verdict(row.ratio <= TARGET_RATIO) : '',
      ]),
    ),
  );
  console.log(
    `"pairs of windows": the median ratio of the ${WINDOW_PAIRS} pairs, and the lowest and highest.`,
  );

  console.log(heading('Concurrency 1, p50 by annotation form (ms)'));
  console.log(
    table(
      ['annotation form', 'by-name', 'card'],
      ANNOTATION_FORMS.map(form => [
        form,
        formatMs(serialByForm['by-name'][form]),
        formatMs(serialByForm.card[form]),
      ]),
    ),
  );

  console.log(heading('Upstream requests and the read check'));
  console.log(
    table(
      ['', 'measured', 'target', ''],
      [
        [
          `cold warm-up: ${SERVICES} cards`,
          `${results.coldUpstream.total} (${describeCount(
            results.coldUpstream,
          )})`,
          '',
          '',
        ],
        [
          'warm phase: every measured card load',
          `${results.warmUpstream.total} (${describeCount(
            results.warmUpstream,
          )})`,
          '0',
          verdict(upstreamPass),
        ],
        ...results.sanity.map(s => [
          s.check,
          String(s.status),
          String(s.expected),
          verdict(s.status === s.expected),
        ]),
      ],
    ),
  );
  console.log(
    `Backend start ${(results.backendStartMs / 1000).toFixed(
      1,
    )} s; catalog ingestion ${(results.catalogMs / 1000).toFixed(1)} s.`,
  );

  const allPass = targetPass && upstreamPass && sanityPass;
  console.log(`\nWarm path targets: ${allPass ? 'all PASS' : 'some MISS'}`);

  const file = await writeFigures(FIGURES_NAME, {
    bench: 'warm-path',
    level:
      'HTTP: real backend (backend-defaults, auth + guest, catalog, permission + demo policy, signals, gitops) in its own process; simulator in its own process',
    environment: environment(),
    setup: {
      services: SERVICES,
      applications: APPLICATIONS,
      historyLength: HISTORY_LENGTH,
      instances: results.instances,
      watch: WATCH,
      cacheTtlSeconds: CACHE_TTL_SECONDS,
      serialPairs: SERIAL_PAIRS,
      concurrency: CONCURRENCY,
      windowPairs: WINDOW_PAIRS,
      windowMs: WINDOW_MS,
      windowWarmUpMs: WINDOW_WARM_UP_MS,
      targetRatio: TARGET_RATIO,
    },
    comparison: rows.map(({ format: _format, ...row }) => ({
      ...row,
      byName: round2(row.byName),
      card: round2(row.card),
      ratio: round2(row.ratio),
      pass: row.targeted ? row.ratio <= TARGET_RATIO : undefined,
    })),
    serial: { latencyMs: serialByRoute, p50ByAnnotationForm: serialByForm },
    concurrent: concurrentByRoute,
    windowPairs: pairs,
    upstreamRequests: {
      coldWarmUp: results.coldUpstream,
      warmPhase: results.warmUpstream,
    },
    readCheck: results.sanity,
    backendStartMs: results.backendStartMs,
    catalogIngestionMs: results.catalogMs,
    allPass,
  });
  console.log(`Figures written to ${file}`);
}
