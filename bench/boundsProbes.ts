import {
  monitorEventLoopDelay,
  performance,
  PerformanceObserver,
  type PerformanceEntry,
} from 'node:perf_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { HEALTH_PATH } from './boundsWorkload';
import {
  collectGarbage,
  memoryNow,
  summarize,
  type LatencySummary,
} from './report';

/**
 * What the `bounds` bench watches while a load runs. In the backend's
 * process ({@link BackendWatch}): RSS and heap sampled every 5 ms, the
 * event loop's delay as Node's own histogram sees it, and its stalls with
 * what the process did in them. From the bench's
 * process ({@link startHealthProbe}): `GET /api/gitops/health` every
 * ~10 ms, one at a time, each awaited, like a load balancer's check.
 */

export const HEALTH_PROBE_INTERVAL_MS = 10;
export const MEMORY_SAMPLE_INTERVAL_MS = 5;

/** The backend's memory around one load. */
export interface MemoryWatch {
  /** RSS and heap after a forced GC just before the load. */
  before: { rss: number; heapUsed: number };
  /** Highest RSS / heap seen by the 5 ms sampler during the load (it runs on the event loop, so not during a stall). */
  sampledPeakRss: number;
  peakHeapUsed: number;
  samples: number;
  /** The kernel's high-water mark of the process (`maxRSS`) before and after; it only moves past earlier peaks. */
  kernelPeakRssBefore: number;
  kernelPeakRssAfter: number;
  /** The sampled peak, or the kernel's high-water mark when the load moved it (a peak the sampler missed). */
  peakRss: number;
  /** `peakRss - before.rss`. */
  rssGrowth: number;
}

/** `monitorEventLoopDelay` (1 ms resolution) over the load, in ms. */
export interface EventLoopDelay {
  max: number;
  p99: number;
  mean: number;
}

/** A stretch of at least {@link STALL_MS} in which a 1 ms timer could not run. */
export interface Stall {
  /** Since the watch started. */
  atMs: number;
  ms: number;
  /** CPU time of the backend's process in the stall: user (JavaScript, V8) and system (kernel: page faults, I/O). */
  userCpuMs: number;
  systemCpuMs: number;
  /** Garbage collection inside the stall (PerformanceObserver 'gc' entries). */
  gcMs: number;
  /**
   * The JavaScript thread's time on a CPU and waiting for one (Linux
   * `/proc/thread-self/schedstat`; absent elsewhere). The rest of the stall
   * it was blocked (a system call, a lock) or idle with the timer late.
   */
  mainThreadRunMs?: number;
  mainThreadRunqueueMs?: number;
}

/** What the backend's process reports for one watched load. */
export interface BackendWatchResult {
  memory: MemoryWatch;
  eventLoopDelay: EventLoopDelay;
  /** The stalls, longest first (at most 10), with what the process did meanwhile. */
  stalls: Stall[];
  /** CPU time of the backend's process over the whole load, the GC pauses in it, and CPU of its JavaScript thread and other threads (Linux). */
  cpu: {
    wallMs: number;
    userMs: number;
    systemMs: number;
    gcMs: number;
    byThread: Record<string, number>;
  };
}

export const STALL_MS = 50;

const kernelPeakRss = () => process.resourceUsage().maxRSS * 1024;

/**
 * CPU time (ms) of this process's JavaScript thread and of its other
 * threads together (V8's GC and compiler helpers, libuv's pool; Node does
 * not name them), where Linux tells.
 */
function threadCpuMs(): Map<string, number> {
  const byName = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const name =
          Number(tid) === process.pid ? 'JavaScript thread' : 'other threads';
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
        byName.set(name, (byName.get(name) ?? 0) + ms);
      } catch {
        // The thread ended.
      }
    }
  } catch {
    // Not Linux.
  }
  return byName;
}

/** This thread's nanoseconds on a CPU and waiting for one, where Linux tells. */
function schedstat(): [number, number] | undefined {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8')
      .split(' ')
      .map(Number);
    return [run, wait];
  } catch {
    return undefined;
  }
}
const nsToMs = (ns: number) => Math.round(ns / 1e3) / 1e3;

/**
 * Memory sampler and event loop delay histogram, started after a forced
 * GC (so growth is measured from what the backend retains) and stopped
 * when the load is done. Runs in the backend's process.
 */
export class BackendWatch {
  readonly #before = (() => {
    collectGarbage();
    return memoryNow();
  })();
  readonly #kernelPeakRssBefore = kernelPeakRss();
  readonly #delay = monitorEventLoopDelay({ resolution: 1 });
  #peakRss = 0;
  #peakHeapUsed = 0;
  #samples = 0;
  readonly #timer: NodeJS.Timeout;
  readonly #started = performance.now();
  readonly #startCpu = process.cpuUsage();
  readonly #startThreads = threadCpuMs();
  // Stall detection: a 1 ms timer, and the process's CPU time between ticks.
  #lastTick = performance.now();
  #lastCpu = process.cpuUsage();
  #lastSched = schedstat();
  readonly #ticker: NodeJS.Timeout;
  readonly #stalls: (Omit<Stall, 'gcMs'> & { from: number; to: number })[] = [];
  readonly #gc: PerformanceEntry[] = [];
  readonly #gcObserver = new PerformanceObserver(list => {
    this.#gc.push(...list.getEntries());
  });

  constructor() {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), MEMORY_SAMPLE_INTERVAL_MS);
    this.#ticker = setInterval(() => this.#tick(), 1);
    this.#gcObserver.observe({ entryTypes: ['gc'] });
    this.#delay.enable();
  }

  #tick(): void {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const sched = schedstat();
    const last = this.#lastSched;
    const ms = now - this.#lastTick;
    if (ms >= STALL_MS) {
      this.#stalls.push({
        from: this.#lastTick,
        to: now,
        atMs: this.#lastTick - this.#started,
        ms,
        userCpuMs: (cpu.user - this.#lastCpu.user) / 1000,
        systemCpuMs: (cpu.system - this.#lastCpu.system) / 1000,
        ...(sched && last
          ? {
              mainThreadRunMs: (sched[0] - last[0]) / 1e6,
              mainThreadRunqueueMs: (sched[1] - last[1]) / 1e6,
            }
          : {}),
      });
    }
    this.#lastTick = now;
    this.#lastCpu = cpu;
    this.#lastSched = sched;
  }

  /** GC time between `from` and `to` (performance.now() times). */
  #gcBetween(from: number, to: number): number {
    let total = 0;
    for (const entry of this.#gc) {
      const start = Math.max(from, entry.startTime);
      const end = Math.min(to, entry.startTime + entry.duration);
      if (end > start) total += end - start;
    }
    return total;
  }

  #sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    this.#peakRss = Math.max(this.#peakRss, rss);
    this.#peakHeapUsed = Math.max(this.#peakHeapUsed, heapUsed);
    this.#samples += 1;
  }

  #memory(): MemoryWatch {
    const kernelPeakRssAfter = kernelPeakRss();
    const peakRss = Math.max(
      this.#peakRss,
      kernelPeakRssAfter > this.#kernelPeakRssBefore ? kernelPeakRssAfter : 0,
    );
    return {
      before: this.#before,
      sampledPeakRss: this.#peakRss,
      peakHeapUsed: this.#peakHeapUsed,
      samples: this.#samples,
      kernelPeakRssBefore: this.#kernelPeakRssBefore,
      kernelPeakRssAfter,
      peakRss,
      rssGrowth: peakRss - this.#before.rss,
    };
  }

  async stop(): Promise<BackendWatchResult> {
    clearInterval(this.#timer);
    clearInterval(this.#ticker);
    this.#tick();
    this.#delay.disable();
    this.#sample();
    const wallMs = performance.now() - this.#started;
    const cpu = process.cpuUsage(this.#startCpu);
    const byThread: Record<string, number> = {};
    for (const [name, ms] of threadCpuMs()) {
      const used = ms - (this.#startThreads.get(name) ?? 0);
      if (used > 0) byThread[name] = used;
    }
    // GC entries are delivered asynchronously: let them arrive.
    await new Promise(resolve => setTimeout(resolve, 20));
    this.#gc.push(...this.#gcObserver.takeRecords());
    this.#gcObserver.disconnect();
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      memory: this.#memory(),
      eventLoopDelay: {
        max: nsToMs(this.#delay.max),
        p99: nsToMs(this.#delay.percentile(99)),
        mean: nsToMs(this.#delay.mean),
      },
      stalls: [...this.#stalls]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 10)
        .map(({ from, to, ...stall }) => ({
          atMs: round(stall.atMs),
          ms: round(stall.ms),
          userCpuMs: round(stall.userCpuMs),
          systemCpuMs: round(stall.systemCpuMs),
          gcMs: round(this.#gcBetween(from, to)),
          mainThreadRunMs:
            stall.mainThreadRunMs === undefined
              ? undefined
              : round(stall.mainThreadRunMs),
          mainThreadRunqueueMs:
            stall.mainThreadRunqueueMs === undefined
              ? undefined
              : round(stall.mainThreadRunqueueMs),
        })),
      cpu: {
        wallMs: round(wallMs),
        userMs: round(cpu.user / 1000),
        systemMs: round(cpu.system / 1000),
        gcMs: round(this.#gcBetween(this.#started, this.#started + wallMs)),
        byThread,
      },
    };
  }
}

/** Health latency during the load, as a client outside the backend's process sees it. */
export interface HealthProbeResult {
  latency: LatencySummary;
  failures: number;
  /** The longest time between the starts of two consecutive probes (~10 ms when nothing holds the backend). */
  longestGapMs: number;
}

/** Starts the probe loop; `stop()` ends it after the probe under way and summarizes. */
export function startHealthProbe(baseUrl: string): {
  stop(): Promise<HealthProbeResult>;
} {
  const latencies: number[] = [];
  const starts: number[] = [];
  let failures = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      starts.push(started);
      try {
        const res = await fetch(`${baseUrl}${HEALTH_PATH}`);
        await res.text();
        if (res.status !== 200) failures += 1;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - started);
      const wait = started + HEALTH_PROBE_INTERVAL_MS - performance.now();
      if (wait > 0 && !stopped) await sleep(wait);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      let longestGapMs = 0;
      for (let i = 1; i < starts.length; i++) {
        longestGapMs = Math.max(longestGapMs, starts[i] - starts[i - 1]);
      }
      // The last gap: from the last probe's start to the end of the load.
      return {
        latency: summarize(latencies),
        failures,
        longestGapMs: Math.round(longestGapMs * 1000) / 1000,
      };
    },
  };
}

/** CPU time (user + system, ms) of a process so far, from `/proc/<pid>/stat`; undefined where there is none. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** How long this machine takes to touch memory the process never used, and the same memory again. */
export function firstTouchCost(bytes = 32 * 1024 * 1024) {
  const buffer = Buffer.allocUnsafeSlow(bytes);
  let started = performance.now();
  buffer.fill(1);
  const firstMs = performance.now() - started;
  started = performance.now();
  buffer.fill(2);
  const againMs = performance.now() - started;
  return {
    bytes,
    firstMs: Math.round(firstMs * 10) / 10,
    againMs: Math.round(againMs * 10) / 10,
  };
}
