import type { Simulator } from '../types';

/** How a watch body ended: cleanly (`end`), or cut (`error`, e.g. a dropped connection). */
export type StreamEnd = { how: 'end' } | { how: 'error'; error: unknown };

export interface OpenWatch {
  status: number;
  contentType: string | null;
  /** Every line received so far, as sent (without its newline). */
  rawLines: string[];
  /** The next line, parsed; throws when none comes within `timeoutMs` or the body ends first. */
  next(timeoutMs?: number): Promise<any>;
  /** Waits `ms`, then says whether no unread line is there. */
  quietFor(ms: number): Promise<boolean>;
  /** Settles once the body has ended, however. */
  ended: Promise<StreamEnd>;
  /** Aborts the request, as a client going away. */
  abort(): void;
}

/**
 * Opens `GET /api/v1/stream/applications<query>` with fetch and splits the body into lines as they arrive, so a
 * test can take the events one by one.
 */
export async function openWatch(
  simulator: Simulator,
  instance: string,
  query = '',
  token: string | null = simulator.token(instance),
): Promise<OpenWatch> {
  const controller = new AbortController();
  const response = await fetch(
    `${simulator.instanceUrl(instance)}/api/v1/stream/applications${query}`,
    {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      signal: controller.signal,
    },
  );
  const rawLines: string[] = [];
  let consumed = 0;
  let wake: (() => void) | undefined;
  let end: StreamEnd | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const ended = (async (): Promise<StreamEnd> => {
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for await (const chunk of response.body!) {
        pending += decoder.decode(chunk as Uint8Array, { stream: true });
        const lines = pending.split('\n');
        pending = lines.pop()!;
        rawLines.push(...lines);
        notify();
      }
      end = { how: 'end' };
    } catch (error) {
      end = { how: 'error', error };
    }
    notify();
    return end;
  })();

  /** Resolves when a line or the end arrives, or after `ms`. */
  const woken = (ms: number) =>
    new Promise<void>(resolve => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** Whether an unread line is there before `ms` pass (false at once when the body has ended). */
  const waitForLine = async (ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    while (consumed === rawLines.length && !end && Date.now() < deadline) {
      await woken(deadline - Date.now());
    }
    return consumed < rawLines.length;
  };

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    rawLines,
    async next(timeoutMs = 2000) {
      if (!(await waitForLine(timeoutMs))) {
        throw new Error(
          end
            ? `The stream ended (${end.how}) before another line`
            : `No line within ${timeoutMs} ms`,
        );
      }
      return JSON.parse(rawLines[consumed++]);
    },
    async quietFor(ms: number) {
      await new Promise(resolve => setTimeout(resolve, ms));
      return consumed === rawLines.length;
    },
    ended,
    abort: () => controller.abort(),
  };
}
