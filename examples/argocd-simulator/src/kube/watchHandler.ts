import type { LabelSelectorRequirement } from '@gitops-guide/backstage-plugin-gitops-common';
import type { ServerResponse } from 'node:http';
import { matchesLabelSelector } from '../labelSelector';
import type { ApiTarget } from './apiPath';
import { matchesFieldSelector, type parseFieldSelector } from './fieldSelector';
import type { ServedResource } from './resources';
import type { KubeEvent, KubeState, KubeWatcher } from './state';
import { expired } from './status';
import type { KubeObject } from './types';

/** True for the `watch` values the API server accepts as on. */
export function isWatch(url: URL): boolean {
  const watch = url.searchParams.get('watch');
  return watch === 'true' || watch === '1';
}

/** What one watch follows: the path's resource and namespace, and the selectors. */
export interface WatchScope {
  target: ApiTarget;
  resource: ServedResource;
  labels: LabelSelectorRequirement[];
  fields: ReturnType<typeof parseFieldSelector>;
}

type EventType = KubeEvent['type'] | 'BOOKMARK' | 'ERROR';

/**
 * A watch (`GET <collection>?watch=true`), as the API server streams it: newline-delimited JSON events
 * `{"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{...}}`. Without `resourceVersion` (or with "0") it
 * starts with an ADDED event per object that exists; with one, it replays the changes after it, or sends a 410
 * `Expired` ERROR event and ends when that version is older than the history kept. A change that moves an object
 * into or out of the selectors is an ADDED or DELETED event for this watch. `allowWatchBookmarks=true` adds
 * BOOKMARK events carrying the current resourceVersion; `timeoutSeconds` ends the stream after that long.
 */
export function handleWatch(
  state: KubeState,
  res: ServerResponse,
  url: URL,
  scope: WatchScope,
  bookmarkIntervalMs: number,
): void {
  const apiVersion = `${scope.resource.group}/${scope.resource.version}`;
  const selects = (object: KubeObject | undefined) =>
    object !== undefined &&
    object.apiVersion === apiVersion &&
    object.kind === scope.resource.kind &&
    (!scope.target.namespace ||
      object.metadata.namespace === scope.target.namespace) &&
    matchesLabelSelector(scope.labels, object.metadata.labels) &&
    matchesFieldSelector(scope.fields, object.metadata);

  res.writeHead(200, { 'content-type': 'application/json' });
  // The API server answers a watch at once, before any event.
  res.flushHeaders();
  const send = (type: EventType, object: unknown) => {
    if (!res.writableEnded && !res.destroyed) {
      res.write(`${JSON.stringify({ type, object })}\n`);
    }
  };
  const deliver = (event: KubeEvent) => {
    const now = selects(event.object);
    const before = selects(event.previous);
    if (event.type === 'DELETED') {
      if (now) send('DELETED', event.object);
    } else if (now) {
      send(
        event.type === 'MODIFIED' && before ? 'MODIFIED' : 'ADDED',
        event.object,
      );
    } else if (before) {
      send('DELETED', event.object);
    }
  };

  const requested = url.searchParams.get('resourceVersion') ?? '';
  if (requested === '' || requested === '0') {
    for (const object of state.objects.filter(selects)) {
      send('ADDED', object);
    }
  } else {
    const from = Number(requested);
    if (!Number.isInteger(from) || from < state.oldestWatchable) {
      send('ERROR', expired(requested, state.oldestWatchable));
      res.end();
      return;
    }
    for (const event of state.history) {
      if (event.resourceVersion > from) deliver(event);
    }
  }

  const timers: NodeJS.Timeout[] = [];
  const watcher: KubeWatcher = {
    deliver,
    close: () => {
      if (!res.writableEnded) res.end();
    },
  };
  state.watchers.add(watcher);
  if (url.searchParams.get('allowWatchBookmarks') === 'true') {
    timers.push(
      setInterval(
        () =>
          send('BOOKMARK', {
            apiVersion,
            kind: scope.resource.kind,
            metadata: { resourceVersion: String(state.resourceVersion) },
          }),
        bookmarkIntervalMs,
      ),
    );
  }
  const timeoutSeconds = Number(url.searchParams.get('timeoutSeconds'));
  if (timeoutSeconds > 0) {
    timers.push(setTimeout(watcher.close, timeoutSeconds * 1000));
  }
  timers.forEach(timer => timer.unref());
  res.once('close', () => {
    state.watchers.delete(watcher);
    timers.forEach(timer => clearTimeout(timer));
  });
}
