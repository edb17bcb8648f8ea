import type { BurstResult, CountRow, SeriesRow } from './argocdStatusScenarios';
import {
  APPLICATIONS,
  CACHE_TTL_SECONDS,
  CONCURRENT_LOADS,
  CONCURRENT_UPSTREAM_LATENCY_MS,
  HISTORY_LENGTH,
  SERVICES,
} from './argocdStatusWorkload';
import {
  environment,
  formatMiB,
  formatMs,
  heading,
  table,
  verdict,
  writeFigures,
  type memoryNow,
  type MemoryPeak,
} from './report';

/** The Argo CD status bench's console tables and `bench/out/argocd-status.json`. */

type MemorySample = ReturnType<typeof memoryNow>;

/** Everything the bench measured, in the order the tables show it. */
export interface ArgoCdStatusResults {
  instances: string[];
  counts: CountRow[];
  rows: SeriesRow[];
  bursts: { card: BurstResult; detail: BurstResult };
  memory: {
    baseline: MemorySample;
    peak: ReturnType<MemoryPeak['stop']>;
    end: MemorySample;
  };
  backendStartMs: number;
}

export function printIntro(): void {
  console.log(heading('Argo CD status: upstream economy, latency, memory'));
  console.log(
    `Measured through HTTP: the gitops backend plugin on startTestBackend (real in-memory cache of @backstage/backend-defaults,
in-memory catalog with ${SERVICES} entities, mock auth), one load at a time unless noted, against the Argo CD simulator in
its own process with ${APPLICATIONS} applications and ${HISTORY_LENGTH}-entry histories (instances central and edge, no added
latency unless noted). Entities select their apps with argocd/app-selector: app.kubernetes.io/part-of=svc-NNNN.`,
  );
}

function printUpstreamRequests(counts: CountRow[]): void {
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
}

function upstreamCalls(row: SeriesRow): string {
  const { min, max } = row.upstreamPerLoad;
  return `${min === max ? min : `${min}–${max}`} per ${
    row.wholeBurst ? 'burst' : 'load'
  }`;
}

function printLatency(
  rows: SeriesRow[],
  bursts: ArgoCdStatusResults['bursts'],
): void {
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
        upstreamCalls(row),
        row.target,
        verdict(row.pass),
      ]),
    ),
  );
  console.log(
    `Concurrent runs: ${CONCURRENT_LOADS} card loads in ${formatMs(
      bursts.card.wallMs,
    )} ms wall, ${CONCURRENT_LOADS} detail loads in ${formatMs(
      bursts.detail.wallMs,
    )} ms wall.`,
  );
}

function printMemory(
  memory: ArgoCdStatusResults['memory'],
  backendStartMs: number,
): void {
  console.log(heading('Memory of the backend process (simulator excluded)'));
  console.log(
    table(
      ['', 'RSS', 'heap used'],
      [
        [
          'after startup (after GC)',
          formatMiB(memory.baseline.rss),
          formatMiB(memory.baseline.heapUsed),
        ],
        [
          'peak',
          formatMiB(memory.peak.peakRss),
          formatMiB(memory.peak.peakHeapUsed),
        ],
        [
          'at the end, caches full (after GC)',
          formatMiB(memory.end.rss),
          formatMiB(memory.end.heapUsed),
        ],
      ],
    ),
  );
  console.log(
    `Backend startup ${formatMs(
      backendStartMs,
    )} ms. RSS includes tsx compiling the TypeScript sources and the knowledge base; peak heap is sampled every 5 ms.`,
  );
}

function writeArgoCdStatusFigures(
  results: ArgoCdStatusResults,
  allPass: boolean,
): Promise<string> {
  const { bursts, memory } = results;
  return writeFigures('argocd-status', {
    bench: 'argocd-status',
    level:
      'HTTP: gitops backend plugin on startTestBackend, real in-memory cache, in-memory catalog, mock auth; simulator in its own process',
    environment: environment(),
    setup: {
      applications: APPLICATIONS,
      historyLength: HISTORY_LENGTH,
      instances: results.instances,
      entities: SERVICES,
      cacheTtlSeconds: CACHE_TTL_SECONDS,
      concurrentLoads: CONCURRENT_LOADS,
      concurrentUpstreamLatencyMs: CONCURRENT_UPSTREAM_LATENCY_MS,
    },
    upstreamRequests: results.counts,
    latencyMs: results.rows,
    concurrent: {
      card: {
        wallMs: bursts.card.wallMs,
        joinedInFlight: bursts.card.joinedInFlight,
      },
      detail: {
        wallMs: bursts.detail.wallMs,
        joinedInFlight: bursts.detail.joinedInFlight,
      },
    },
    memoryBytes: {
      afterStartup: memory.baseline,
      peakRss: memory.peak.peakRss,
      peakHeapUsed: memory.peak.peakHeapUsed,
      atEnd: memory.end,
    },
    backendStartMs: results.backendStartMs,
    allPass,
  });
}

/** Prints the three tables and the verdict, then writes the figures as JSON. */
export async function reportResults(
  results: ArgoCdStatusResults,
): Promise<void> {
  printUpstreamRequests(results.counts);
  printLatency(results.rows, results.bursts);
  printMemory(results.memory, results.backendStartMs);

  const allPass = [...results.counts, ...results.rows].every(row => row.pass);
  console.log(
    `\nArgo CD status targets: ${allPass ? 'all PASS' : 'some MISS'}`,
  );

  const file = await writeArgoCdStatusFigures(results, allPass);
  console.log(`Figures written to ${file}`);
}
