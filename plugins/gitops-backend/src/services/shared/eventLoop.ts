/** Longest stretch of synchronous work between two yields to the event loop. */
export const WORK_SLICE_MS = 8;

/** Lets timers and other requests run before the caller continues. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}

/**
 * A clock for long loops: `due()` is true once a slice of work has run, and
 * `pause()` yields and starts a new slice. Large upstream answers are
 * parsed and normalized item by item this way, so one big answer never
 * holds up health checks or other users' requests for long.
 */
export class WorkSlicer {
  #sliceStart = performance.now();

  due(): boolean {
    return performance.now() - this.#sliceStart >= WORK_SLICE_MS;
  }

  async pause(): Promise<void> {
    await yieldToEventLoop();
    this.#sliceStart = performance.now();
  }
}

/** `items.map(fn)` in slices, yielding to the event loop between them. */
export async function mapInSlices<T, U>(
  items: readonly T[],
  fn: (item: T, index: number) => U,
): Promise<U[]> {
  const slicer = new WorkSlicer();
  const result: U[] = new Array(items.length);
  for (let index = 0; index < items.length; index++) {
    result[index] = fn(items[index], index);
    if (slicer.due()) {
      await slicer.pause();
    }
  }
  return result;
}
