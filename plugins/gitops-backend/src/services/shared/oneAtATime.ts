/**
 * Runs the work it is given one at a time, in order: the full lists of
 * several watched instances then never hold their answers in memory at
 * once. A failure of one does not stop the next.
 */
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return work => {
    const next = last.then(work, work);
    last = next.catch(() => undefined);
    return next;
  };
}
