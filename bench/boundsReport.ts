import {
  HEALTH_PROBE_INTERVAL_MS,
  MEMORY_SAMPLE_INTERVAL_MS,
  STALL_MS,
  type firstTouchCost,
  type HealthProbeResult,
} from './boundsProbes';
import {
  ACCEPTED_BYTES,
  DEADLINE_TARGET_MS,
  HEALTH_P99_TARGET_MS,
  LIMIT_MIB,
  MAX_LOGINS,
  OVERSIZE_BYTES,
  REQUEST_DEADLINE_MS,
  RSS_TARGET,
  type CardLoadsResult,
  type HangingMetadataResult,
  type RefusedLoginResult,
} from './boundsScenarios';
import {
  BIG_ENTITIES,
  BOUNDS_APPLICATIONS,
  BOUNDS_HISTORY_LENGTH,
} from './boundsWorkload';
import {
  environment,
  formatMiB,
  formatMs,
  heading,
  table,
  verdict,
  writeFigures,
} from './report';

/** The `bounds` bench's console tables and `bench/out/bounds.json`. */

export interface BoundsResults {
  one: CardLoadsResult;
  five: CardLoadsResult;
  accepted: CardLoadsResult;
  hangingMetadata: HangingMetadataResult;
  refusedLogin: RefusedLoginResult;
  idleHealth: HealthProbeResult;
  firstTouch: ReturnType<typeof firstTouchCost>;
}

interface Row {
  scenario: string;
  figure: string;
  measured: string;
  target: string;
  pass?: boolean;
}

export function printIntro(): void {
  console.log(heading('Bounded under bad upstreams (issue 14)'));
  console.log(
    `Measured through HTTP: the gitops backend plugin on startTestBackend (mock auth, in-memory catalog, gitops.limits at
its defaults: ${LIMIT_MIB} MiB per answer, ${REQUEST_DEADLINE_MS} ms per request; cacheTtlSeconds 0, so every load reaches upstream),
a fresh, warmed-up backend process for each load scenario, against the Argo CD simulator in its own process
(${BOUNDS_APPLICATIONS} generated apps, ${BOUNDS_HISTORY_LENGTH}-entry histories) with its fault knobs. While a card loads, the backend process
samples its RSS and heap every ${MEMORY_SAMPLE_INTERVAL_MS} ms (growth = peak minus RSS after a forced GC just before) and its event
loop delay (monitorEventLoopDelay); the bench process asks GET /api/gitops/health every ~${HEALTH_PROBE_INTERVAL_MS} ms, one at a time.`,
  );
}

const allEqual = <T>(values: T[], value: T) => values.every(v => v === value);

function outcomeRows(results: BoundsResults): Row[] {
  const { one, five, accepted, hangingMetadata: hang, refusedLogin } = results;
  const limitRow = (r: CardLoadsResult): Row => ({
    scenario: r.scenario,
    figure:
      r.loads === 1
        ? 'errors[0].code; message'
        : `errors[0].code; message (${r.loads} cards)`,
    measured: `${[...new Set(r.errorCodes)].join(', ')}; ${r.namingLimit}/${
      r.loads
    } name the ${LIMIT_MIB} MiB limit`,
    target: `bad-response naming the limit`,
    pass:
      allEqual(r.errorCodes, 'bad-response') &&
      r.namingLimit === r.loads &&
      allEqual(r.applications, 0),
  });
  return [
    limitRow(one),
    {
      scenario: one.scenario,
      figure: 'card latency',
      measured: `${formatMs(one.latencyMs.max)} ms`,
      target: '',
    },
    limitRow(five),
    {
      scenario: five.scenario,
      figure: 'card latency (slowest of 5)',
      measured: `${formatMs(five.latencyMs.max)} ms`,
      target: '',
    },
    {
      scenario: accepted.scenario,
      figure: 'applications; errors',
      measured: `${accepted.applications[0].toLocaleString('en-US')}; ${
        accepted.errorCodes[0] ?? 'none'
      }`,
      target: 'accepted; none',
      pass:
        accepted.applications[0] > 0 && accepted.errorCodes[0] === undefined,
    },
    {
      scenario: accepted.scenario,
      figure: 'card latency',
      measured: `${formatMs(accepted.latencyMs.max)} ms (answer ${formatMiB(
        accepted.answerBytes,
      )})`,
      target: '',
    },
    {
      scenario: 'hanging metadata',
      figure: 'detail latency',
      measured: `${formatMs(hang.latencyMs)} ms`,
      target: `≤ ${DEADLINE_TARGET_MS} ms`,
      pass: hang.latencyMs <= DEADLINE_TARGET_MS,
    },
    {
      scenario: 'hanging metadata',
      figure: 'history rows (with author); errors[0].code',
      measured: `${hang.historyRows} (${hang.rowsWithAuthor}); ${
        hang.errorCode ?? 'none'
      }`,
      target: 'rows; timeout',
      pass: hang.historyRows > 0 && hang.errorCode === 'timeout',
    },
    {
      scenario: 'refused login',
      figure: `POST /api/v1/session for ${refusedLogin.loads} cards`,
      measured: String(refusedLogin.logins),
      target: `≤ ${MAX_LOGINS}`,
      pass: refusedLogin.logins <= MAX_LOGINS,
    },
    {
      scenario: 'refused login',
      figure: 'answers with an unauthorized error',
      measured: `${refusedLogin.unauthorized}/${refusedLogin.loads}`,
      target: 'all',
      pass: refusedLogin.unauthorized === refusedLogin.loads,
    },
  ];
}

function memoryRows(results: BoundsResults) {
  const targets = [RSS_TARGET.one, RSS_TARGET.five, undefined];
  return [results.one, results.five, results.accepted].map((r, index) => {
    const target = targets[index];
    return {
      scenario: r.scenario,
      memory: r.memory,
      target,
      pass: target === undefined ? undefined : r.memory.rssGrowth < target,
    };
  });
}

function healthRows(results: BoundsResults) {
  return [results.one, results.five, results.accepted].map(r => ({
    scenario: r.scenario,
    health: r.health,
    eventLoopDelay: r.eventLoopDelay,
    pass:
      r.health.latency.p99 < HEALTH_P99_TARGET_MS && r.health.failures === 0,
  }));
}

const mark = (pass: boolean | undefined) =>
  pass === undefined ? '' : verdict(pass);

function printTables(results: BoundsResults) {
  const outcomes = outcomeRows(results);
  console.log(heading('Answers'));
  console.log(
    table(
      ['scenario', 'figure', 'measured', 'target', ''],
      outcomes.map(row => [
        row.scenario,
        row.figure,
        row.measured,
        row.target,
        mark(row.pass),
      ]),
    ),
  );
  console.log(`50 MB message: ${results.one.firstMessage}`);
  console.log(
    `Hanging metadata (${results.hangingMetadata.application}, ${
      results.hangingMetadata.metadataCalls
    } metadata calls held): ${
      results.hangingMetadata.errorMessage ?? 'no note in the answer'
    }`,
  );
  console.log(
    `Refused login, last answer: ${results.refusedLogin.lastMessage}`,
  );

  const memory = memoryRows(results);
  console.log(heading('Memory of the backend process during the load'));
  console.log(
    table(
      [
        'scenario',
        'RSS before (after GC)',
        'peak, 5 ms samples',
        'peak, kernel',
        'growth',
        'heap peak',
        'target',
        '',
      ],
      memory.map(row => [
        row.scenario,
        formatMiB(row.memory.before.rss),
        formatMiB(row.memory.sampledPeakRss),
        row.memory.kernelPeakRssAfter > row.memory.kernelPeakRssBefore
          ? formatMiB(row.memory.kernelPeakRssAfter)
          : '-',
        formatMiB(row.memory.rssGrowth),
        formatMiB(row.memory.peakHeapUsed),
        row.target === undefined ? '' : `< ${formatMiB(row.target)}`,
        mark(row.pass),
      ]),
    ),
  );
  console.log(
    `Each scenario on a fresh backend process (after the warm-up); the clients are in the bench process. The sampler runs
on the backend's event loop and misses what happens during a stall; the kernel's high-water mark (maxRSS) does not, and
counts when the load moved it. Growth: the higher peak minus RSS before. Touching ${formatMiB(
      results.firstTouch.bytes,
    )} of memory a process never used
takes ${formatMs(
      results.firstTouch.firstMs,
    )} ms on this machine, the same memory again ${formatMs(
      results.firstTouch.againMs,
    )} ms.`,
  );

  const health = healthRows(results);
  console.log(heading('GET /api/gitops/health during the load (ms)'));
  console.log(
    table(
      [
        'scenario',
        'probes',
        'p50',
        'p99',
        'max',
        'longest gap',
        'loop delay p99',
        'loop delay max',
        'target',
        '',
      ],
      [
        [
          'idle, nothing loading (reference)',
          results.idleHealth.latency.samples,
          formatMs(results.idleHealth.latency.p50),
          formatMs(results.idleHealth.latency.p99),
          formatMs(results.idleHealth.latency.max),
          formatMs(results.idleHealth.longestGapMs),
          '-',
          '-',
          '',
          '',
        ],
        ...health.map(row => [
          row.scenario,
          row.health.latency.samples,
          formatMs(row.health.latency.p50),
          formatMs(row.health.latency.p99),
          formatMs(row.health.latency.max),
          formatMs(row.health.longestGapMs),
          formatMs(row.eventLoopDelay.p99),
          formatMs(row.eventLoopDelay.max),
          `p99 < ${HEALTH_P99_TARGET_MS} ms`,
          verdict(row.pass),
        ]),
      ],
    ),
  );
  console.log(
    `Probes from the bench process. Longest gap: between the starts of two consecutive probes (every ~${HEALTH_PROBE_INTERVAL_MS} ms when the
backend answers at once). Loop delay: the backend's monitorEventLoopDelay (1 ms resolution) over the load.`,
  );
  printStalls(results);
  printCpuShare(results);
  return { outcomes, memory, health };
}

/** Whether the machine's CPUs were the bottleneck during each load. */
function printCpuShare(results: BoundsResults) {
  console.log(heading('CPU time of the three processes during the load (ms)'));
  const cell = (ms: number | undefined) =>
    ms === undefined ? '-' : String(Math.round(ms));
  console.log(
    table(
      [
        'scenario',
        'wall',
        'CPUs × wall',
        'backend',
        'simulator',
        'bench',
        'busy',
      ],
      [results.one, results.five, results.accepted].map(r => {
        const { wallMs, cpus, backendMs, simulatorMs, benchMs } = r.cpuShare;
        const used = (backendMs ?? 0) + (simulatorMs ?? 0) + benchMs;
        return [
          r.scenario,
          cell(wallMs),
          cell(cpus * wallMs),
          cell(backendMs),
          cell(simulatorMs),
          cell(benchMs),
          `${Math.round((100 * used) / (cpus * wallMs))}%`,
        ];
      }),
    ),
  );
  console.log(
    `From /proc/<pid>/stat (10 ms ticks) for the backend and the simulator, process.cpuUsage() for the bench (clients).`,
  );
  for (const r of [results.one, results.five, results.accepted]) {
    const threads = Object.entries(r.cpu.byThread)
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => `${name.trim()} ${Math.round(ms)}`)
      .join(', ');
    if (threads) console.log(`Backend threads, ${r.scenario}: ${threads}.`);
  }
}

/** What the backend's process did while its event loop could not run a 1 ms timer. */
function printStalls(results: BoundsResults) {
  console.log(heading(`Event loop stalls of ${STALL_MS} ms or more`));
  const rows: (string | number)[][] = [];
  for (const r of [results.one, results.five, results.accepted]) {
    const { cpu } = r;
    rows.push([
      r.scenario,
      'whole load',
      formatMs(cpu.wallMs),
      formatMs(cpu.userMs),
      formatMs(cpu.systemMs),
      formatMs(cpu.gcMs),
      '',
      '',
    ]);
    for (const stall of r.stalls.slice(0, 3)) {
      rows.push([
        '',
        `stall at +${Math.round(stall.atMs)} ms`,
        formatMs(stall.ms),
        formatMs(stall.userCpuMs),
        formatMs(stall.systemCpuMs),
        formatMs(stall.gcMs),
        stall.mainThreadRunMs === undefined
          ? '-'
          : formatMs(stall.mainThreadRunMs),
        stall.mainThreadRunqueueMs === undefined
          ? '-'
          : formatMs(stall.mainThreadRunqueueMs),
      ]);
    }
    if (r.stalls.length === 0) {
      rows.push(['', 'no stall', '-', '-', '-', '-', '-', '-']);
    }
  }
  console.log(
    table(
      [
        'scenario',
        'when',
        'wall',
        'user CPU',
        'system CPU',
        'GC',
        'JS thread on CPU',
        'waiting for a CPU',
      ],
      rows,
    ),
  );
  console.log(
    `The three longest stalls of each load (ms). CPU: the backend process, all threads (user: JavaScript and V8; system:
the kernel, e.g. page faults on fresh memory). GC: PerformanceObserver. JS thread: /proc/thread-self/schedstat, its time
on a CPU and waiting on the run queue (the CPUs are shared with the simulator and the bench process).`,
  );
}

export async function reportResults(results: BoundsResults): Promise<void> {
  const { outcomes, memory, health } = printTables(results);
  const passes = [
    ...outcomes.map(row => row.pass),
    ...memory.map(row => row.pass),
    ...health.map(row => row.pass),
  ].filter((pass): pass is boolean => pass !== undefined);
  const allPass = passes.every(Boolean);
  console.log(`\nBounds targets: ${allPass ? 'all PASS' : 'some MISS'}`);

  const file = await writeFigures('bounds', {
    bench: 'bounds',
    level:
      'HTTP: gitops backend plugin on startTestBackend, a fresh process per load scenario, mock auth, in-memory catalog, cacheTtlSeconds 0, gitops.limits at defaults; simulator with fault knobs in its own process; clients and health probe in the bench process',
    environment: environment(),
    setup: {
      applications: BOUNDS_APPLICATIONS,
      historyLength: BOUNDS_HISTORY_LENGTH,
      limitMiB: LIMIT_MIB,
      requestDeadlineMs: REQUEST_DEADLINE_MS,
      oversizeBytes: OVERSIZE_BYTES,
      acceptedBytes: ACCEPTED_BYTES,
      concurrentOversize: BIG_ENTITIES,
      healthProbeIntervalMs: HEALTH_PROBE_INTERVAL_MS,
      memorySampleIntervalMs: MEMORY_SAMPLE_INTERVAL_MS,
    },
    targets: {
      rssGrowthBytes: RSS_TARGET,
      healthP99Ms: HEALTH_P99_TARGET_MS,
      detailDeadlineMs: DEADLINE_TARGET_MS,
      maxLogins: MAX_LOGINS,
    },
    scenarios: {
      idleHealth: results.idleHealth,
      oversize: results.one,
      oversizeConcurrent: results.five,
      accepted: results.accepted,
      hangingMetadata: results.hangingMetadata,
      refusedLogin: results.refusedLogin,
    },
    verdicts: { outcomes, memory, health },
    firstTouchOfFreshMemory: results.firstTouch,
    allPass,
  });
  console.log(`Figures written to ${file}`);
}
