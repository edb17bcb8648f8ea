/**
 * The one deadline of an incoming request, shared by every upstream call
 * made to answer it: when it passes, calls still under way are aborted and
 * the answer is built from what is known.
 * @public
 */
export interface Deadline {
  /** Aborted when the deadline passes. */
  readonly signal: AbortSignal;
  /** The deadline's length in milliseconds, for messages. */
  readonly ms: number;
}

/** A deadline `ms` milliseconds from now. @public */
export function startDeadline(ms: number): Deadline {
  return { signal: AbortSignal.timeout(ms), ms };
}

/**
 * The signal for one upstream call: aborted by the request's deadline or
 * by the call's own timeout, whichever comes first. For sources of one's
 * own that honour {@link SourceReadOptions.deadline}.
 * @public
 */
export function callSignal(
  deadline: Deadline | undefined,
  timeoutMs: number,
): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return deadline ? AbortSignal.any([deadline.signal, timeout]) : timeout;
}

/**
 * Stands for whatever an aborted call surfaced as (an `AbortError`, a reset
 * socket while the body streamed in): its timeout or deadline passed.
 */
export function callTimedOut(): Error {
  return Object.assign(new Error('The call timed out'), {
    name: 'TimeoutError',
  });
}

/** How long an aborted call waited, for "did not answer … within/before …". */
export function waitedFor(
  deadline: Deadline | undefined,
  timeoutMs: number,
): string {
  return deadline?.signal.aborted
    ? `before the request's ${deadline.ms} ms deadline`
    : `within ${timeoutMs} ms`;
}

/**
 * `work`, or `onDeadline()`'s error once the deadline passes first. For
 * work shared with other requests (a login, a coalesced load) that this
 * request must stop waiting for without cancelling it for the others.
 */
export function beforeDeadline<T>(
  work: Promise<T>,
  deadline: Deadline | undefined,
  onDeadline: () => Error,
): Promise<T> {
  if (!deadline) {
    return work;
  }
  const { signal } = deadline;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(onDeadline());
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(onDeadline());
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', stop);
    });
  });
}
