import type { LoggerService } from '@backstage/backend-plugin-api';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

/** Where the figures go as JSON (gitignored). */
/** A logger that drops everything, so log output does not skew the timings. */
export const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

export const OUT_DIRECTORY = path.resolve(__dirname, 'out');

/** Latency figures of one series, in milliseconds. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const round = (value: number, digits = 3) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

export function summarize(samplesMs: number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round(sorted.length ? total / sorted.length : Number.NaN),
  };
}

export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** Milliseconds for a table cell: three significant digits below 10 ms. */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value < 10 ? value.toFixed(3) : value.toFixed(1);
}

export const formatMiB = (bytes: number) =>
  `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** A plain-text table with aligned columns; numbers are right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map(row => row.map(String))];
  const widths = headers.map((_, column) =>
    Math.max(...cells.map(row => (row[column] ?? '').length)),
  );
  const numeric = headers.map((_, column) =>
    rows.every(row => /^[-\d.,]+( ms| MiB)?$/.test(String(row[column]))),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        numeric[column]
          ? cell.padStart(widths[column])
          : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map(width => '-'.repeat(width)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

export function heading(title: string): string {
  return `\n${title}\n${'='.repeat(title.length)}`;
}

/** The machine and runtime the figures come from, recorded next to them. */
export function environment() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemory: os.totalmem(),
    heapLimit: v8.getHeapStatistics().heap_size_limit,
    date: new Date().toISOString(),
  };
}

/** Writes `bench/out/<name>.json` and returns its path relative to the repository. */
export async function writeFigures(
  name: string,
  figures: unknown,
): Promise<string> {
  await mkdir(OUT_DIRECTORY, { recursive: true });
  const file = path.join(OUT_DIRECTORY, `${name}.json`);
  await writeFile(file, `${JSON.stringify(figures, null, 2)}\n`);
  return path.relative(path.resolve(__dirname, '..'), file);
}

/**
 * Peak memory of this process: RSS from the kernel's high-water mark, heap
 * from samples taken every few milliseconds (V8 keeps no peak of its own).
 */
export class MemoryPeak {
  #heapPeak = 0;
  #timer: NodeJS.Timeout | undefined;

  start(intervalMs = 5): this {
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
    return this;
  }

  sample(): void {
    this.#heapPeak = Math.max(this.#heapPeak, process.memoryUsage().heapUsed);
  }

  stop() {
    clearInterval(this.#timer);
    this.sample();
    return {
      peakRss: process.resourceUsage().maxRSS * 1024,
      peakHeapUsed: this.#heapPeak,
    };
  }
}

/** A full garbage collection, so a heap figure means what is retained. */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** RSS and heap right now. */
export function memoryNow() {
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed };
}
