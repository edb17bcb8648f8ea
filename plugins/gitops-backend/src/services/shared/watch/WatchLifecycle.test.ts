import { mockServices } from '@backstage/backend-test-utils';
import type { Deadline } from '../Deadline';
import {
  WatchLifecycle,
  type WatchCycle,
  type WatchCycleOutcome,
} from './WatchLifecycle';

// Jest's fake timers leave `node:timers/promises` alone; this one runs on them.
jest.mock('node:timers/promises', () => ({
  setTimeout: (
    ms: number,
    value: unknown,
    options?: { signal?: AbortSignal },
  ) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(value), ms);
      options?.signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        },
        { once: true },
      );
    }),
}));

interface Failure {
  message: string;
}

type Step = (
  cycle: WatchCycle,
  lifecycle: WatchLifecycle<Failure>,
) => Promise<WatchCycleOutcome<Failure>>;

const TIMING = {
  staleAfterMs: 5_000,
  resyncIntervalMs: 600_000,
  initialBackoffMs: 1_000,
  maxBackoffMs: 4_000,
  listTimeoutMs: 1_000,
  maxListBytes: 1024,
};

const refused: Failure = { message: 'connection refused' };

const fail: Step = async () => refused;

const wait = (ms: number) =>
  new Promise<void>(resolve => {
    setTimeout(resolve, ms);
  });

/** Holds the cycle until it ends (a resync or a stop). */
const follow: Step = cycle =>
  new Promise(resolve => {
    cycle.signal.addEventListener('abort', () =>
      resolve(cycle.endedOnPurpose ? 'resync' : refused),
    );
  });

/** A lifecycle whose cycles run `steps` in turn, the last one repeating. */
function scripted(...steps: Step[]) {
  const logger = mockServices.logger.mock();
  const starts: number[] = [];
  const lifecycle: WatchLifecycle<Failure> = new WatchLifecycle<Failure>({
    timing: TIMING,
    logger,
    crashMessage: 'The watch stopped unexpectedly',
    cycle: cycle => {
      starts.push(Date.now());
      return steps[Math.min(starts.length, steps.length) - 1](cycle, lifecycle);
    },
  });
  const gaps = () => starts.slice(1).map((start, i) => start - starts[i]);
  return { lifecycle, logger, starts, gaps };
}

function manualDeadline(ms: number): Deadline & { pass(): void } {
  const controller = new AbortController();
  return { signal: controller.signal, ms, pass: () => controller.abort() };
}

describe('WatchLifecycle', () => {
  let stops: Array<() => Promise<void>> = [];

  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(async () => {
    // Steps that wait on the fake clock finish once it moves on.
    const stopped = Promise.all(stops.map(stop => stop()));
    await jest.advanceTimersByTimeAsync(60_000);
    await stopped;
    stops = [];
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  function started(...steps: Step[]) {
    const watch = scripted(...steps);
    stops.push(() => watch.lifecycle.stop());
    watch.lifecycle.start();
    return watch;
  }

  it('doubles the wait after each failure up to maxBackoffMs, with jitter down to half', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const { gaps, logger } = started(fail);
    await jest.advanceTimersByTimeAsync(11_000);
    expect(gaps()).toEqual([1_000, 2_000, 4_000, 4_000]);
    expect(logger.warn).toHaveBeenCalledWith(
      'connection refused; reconnecting',
    );

    jest.spyOn(Math, 'random').mockReturnValue(0);
    const halved = started(fail);
    await jest.advanceTimersByTimeAsync(5_500);
    expect(halved.gaps()).toEqual([500, 1_000, 2_000, 2_000]);
  });

  it('backs off from the beginning again once a cycle lived a minute', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const healthy: Step = async () => {
      await wait(60_000);
      return refused;
    };
    const { gaps } = started(fail, fail, healthy, fail);
    await jest.advanceTimersByTimeAsync(1_000 + 2_000 + 60_000 + 1_000 + 2_000);
    expect(gaps()).toEqual([1_000, 2_000, 61_000, 2_000]);
  });

  it('starts the next cycle at once after a planned resync, and after resyncIntervalMs when idle', async () => {
    const { lifecycle, gaps } = started(follow, async () => 'idle', follow);
    await jest.advanceTimersByTimeAsync(TIMING.resyncIntervalMs);
    expect(gaps()).toEqual([TIMING.resyncIntervalMs]);
    await jest.advanceTimersByTimeAsync(TIMING.resyncIntervalMs);
    expect(gaps()).toEqual([TIMING.resyncIntervalMs, TIMING.resyncIntervalMs]);
    expect(lifecycle.state).toBe('starting');
    expect(lifecycle.lastError).toBeUndefined();
  });

  it('is down from the first failure and stale once that is staleAfterMs ago, until the next list', async () => {
    let relist: () => void = () => undefined;
    const { lifecycle } = started(
      async (_cycle, self) => {
        self.markSynced();
        return refused;
      },
      (cycle, self) => {
        relist = () => self.markSynced();
        return follow(cycle, self);
      },
    );
    await jest.advanceTimersByTimeAsync(0);
    const down = lifecycle.downSince;
    expect(down).toEqual(new Date());
    expect(lifecycle.state).toBe('reconnecting');
    expect(lifecycle.since).toEqual(down);
    expect(lifecycle.lastError).toBe(refused);
    expect(lifecycle.synced).toBe(true);

    await jest.advanceTimersByTimeAsync(TIMING.staleAfterMs - 1);
    expect(lifecycle.staleSince()).toBeUndefined();
    expect(lifecycle.downSince).toBe(down);
    await jest.advanceTimersByTimeAsync(1);
    expect(lifecycle.staleSince()).toBe(down);

    relist();
    await jest.advanceTimersByTimeAsync(0);
    expect(lifecycle.state).toBe('synced');
    expect(lifecycle.downSince).toBeUndefined();
    expect(lifecycle.staleSince()).toBeUndefined();
    expect(lifecycle.lastError).toBeUndefined();
  });

  describe('awaitFirstAttempt', () => {
    it('starts the watch and waits for the first list', async () => {
      const { lifecycle, starts } = scripted(async (cycle, self) => {
        await wait(50);
        self.markSynced();
        return follow(cycle, self);
      });
      stops.push(() => lifecycle.stop());
      const deadline = manualDeadline(100);
      let answered: boolean | undefined;
      void lifecycle.awaitFirstAttempt(deadline).then(ready => {
        answered = ready;
      });
      expect(starts).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(49);
      expect(answered).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      expect(answered).toBe(true);
      expect(lifecycle.synced).toBe(true);
    });

    it('gives up when the deadline passes first, leaving the watch running', async () => {
      const { lifecycle, starts } = scripted(follow);
      stops.push(() => lifecycle.stop());
      const deadline = manualDeadline(100);
      const ready = lifecycle.awaitFirstAttempt(deadline);
      deadline.pass();
      await expect(ready).resolves.toBe(false);
      expect(lifecycle.state).toBe('starting');
      expect(starts).toHaveLength(1);
    });

    it('answers at once after a failed first attempt, with the error to tell', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(1);
      const { lifecycle } = started(fail, follow);
      await expect(lifecycle.awaitFirstAttempt()).resolves.toBe(true);
      expect(lifecycle.synced).toBe(false);
      expect(lifecycle.lastError).toBe(refused);
      const deadline = manualDeadline(100);
      deadline.pass();
      await expect(lifecycle.awaitFirstAttempt(deadline)).resolves.toBe(true);
    });

    it('lets waiters go when the watch stops', async () => {
      const { lifecycle } = scripted(follow);
      const ready = lifecycle.awaitFirstAttempt();
      const settled: string[] = [];
      await lifecycle.stop(async () => {
        settled.push('settled');
      });
      await expect(ready).resolves.toBe(true);
      expect(settled).toEqual(['settled']);
      expect(lifecycle.state).toBe('stopped');
    });
  });
});
