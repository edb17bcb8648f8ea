import type { ServerResponse } from 'node:http';
import type { AppChange, InstanceStore } from '../instanceStore';
import { toJson } from '../serializedJson';
import type { FaultSpec } from '../types';
import { streamErrorLine } from './streamError';
import { existingApps, watchMatches, type WatchQuery } from './watchQuery';

/** The message of a `streamError: true` fault: what a client sees when argocd-server goes away mid-stream. */
export const DEFAULT_STREAM_ERROR = 'simulated fault: transport is closing';

/** The faults that shape a stream once it has begun. */
export type WatchStreamFault = Pick<
  FaultSpec,
  'streamError' | 'streamErrorAfterEvents' | 'truncateAfterBytes'
>;

const eventLine = ({ type, application }: AppChange) =>
  `{"result":{"type":"${type}","application":${toJson(application)}}}\n`;

/**
 * Serves one `GET /api/v1/stream/applications`, as grpc-gateway v1 forwards Argo CD's `Watch`: 200, chunked,
 * one JSON object per line, each written as it happens. It begins with an ADDED event per matching app (when the
 * query asks for them) and goes on with every matching change of the store, never ending on its own: only the client
 * leaving, a drop, a fault or the simulator closing ends it. Unsubscribes as soon as the response closes.
 */
export function serveWatch(
  res: ServerResponse,
  store: InstanceStore,
  watch: WatchQuery,
  fault?: WatchStreamFault,
): void {
  const errorAfter = fault?.streamError
    ? fault.streamErrorAfterEvents ?? 0
    : Infinity;
  const cutAfter = fault?.truncateAfterBytes ?? Infinity;
  let eventsSent = 0;
  let bytesWritten = 0;
  let stopped = false;
  let unsubscribe = () => {};

  const stop = () => {
    stopped = true;
    unsubscribe();
  };
  const write = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    if (bytesWritten + bytes.length < cutAfter) {
      bytesWritten += bytes.length;
      res.write(bytes);
      return;
    }
    // A body cut off mid-way: what arrived, then a dead connection.
    const head = bytes.subarray(0, cutAfter - bytesWritten);
    bytesWritten += head.length;
    stop();
    if (head.length === 0) {
      setImmediate(() => res.destroy());
    } else {
      res.write(head, () => res.destroy());
    }
  };
  const failIfDue = () => {
    if (!stopped && eventsSent >= errorAfter) {
      const message =
        typeof fault?.streamError === 'string'
          ? fault.streamError
          : DEFAULT_STREAM_ERROR;
      write(streamErrorLine(message));
      if (!stopped) {
        stop();
        res.end();
      }
    }
  };
  const deliver = (change: AppChange) => {
    if (stopped || res.destroyed) {
      return;
    }
    write(eventLine(change));
    eventsSent += 1;
    failIfDue();
  };

  unsubscribe = store.subscribe(change => {
    if (watchMatches(watch, change.application)) {
      deliver(change);
    }
  });
  res.once('close', stop);
  res.writeHead(200, { 'content-type': 'application/json' });
  // The headers go out now, before any event: the client knows the stream is open.
  res.flushHeaders();
  failIfDue();
  // The existing apps go out in one piece; later changes are written one by one, as they come.
  res.cork();
  for (const application of existingApps(watch, store.apps)) {
    deliver({ type: 'ADDED', application });
  }
  process.nextTick(() => res.uncork());
}
