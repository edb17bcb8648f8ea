import { validateBodyFaultFields } from '../faults';
import { listen } from '../listen';
import { KeyedTimers } from '../operations/timers';
import { countByMethodAndPath } from '../requestCounts';
import { createServer } from 'node:http';
import { KubeControllers } from './controllers';
import { handleKubeRequest } from './requestHandler';
import { KNOWN_RESOURCES, resourceName } from './resources';
import { sendStatus } from './respond';
import { KubeState, sameObject } from './state';
import { statusFor } from './status';
import type { KubeApiServer, KubeApiServerOptions } from './types';

const DEFAULT_TOKEN = 'sim-kube-token';
const DEFAULT_USER = 'system:serviceaccount:backstage:backstage-gitops';
const DEFAULT_READ_ONLY_TOKEN = 'sim-kube-readonly';
const DEFAULT_READ_ONLY_USER =
  'system:serviceaccount:backstage:backstage-gitops-readonly';

/**
 * Starts a fake Kubernetes API server that speaks the list protocol of custom
 * resources: `GET /apis/<group>/<version>/<plural>` (cluster-wide) and
 * `GET /apis/<group>/<version>/namespaces/<ns>/<plural>`, with
 * `labelSelector` and `fieldSelector` (`metadata.name`, `metadata.namespace`),
 * `<Kind>List` answers with `apiVersion` and `metadata.resourceVersion`, a
 * bearer-token check, and `Status` bodies for 400/401/403/404. One object is
 * read with `GET .../namespaces/<ns>/<plural>/<name>` and changed with a JSON
 * merge `PATCH` there, to which simulated Flux and Argo CD controllers react. Collections are also watched
 * (`?watch=true`, see `handleWatch`): every change gets the next `resourceVersion` and is streamed to open
 * watches.
 * Enough to drive `@kubernetes/client-node` against it.
 */
export async function startKubeApiServer(
  options: KubeApiServerOptions = {},
): Promise<KubeApiServer> {
  const tokens = options.tokens ?? [DEFAULT_TOKEN];
  const state = new KubeState(
    {
      tokens,
      user: options.user ?? DEFAULT_USER,
      readOnlyTokens: options.readOnlyTokens ?? [DEFAULT_READ_ONLY_TOKEN],
      readOnlyUser: options.readOnlyUser ?? DEFAULT_READ_ONLY_USER,
    },
    new Set(options.resources ?? KNOWN_RESOURCES.map(resourceName)),
  );
  state.setObjects(options.objects ?? []);
  if (options.watchBookmarkIntervalMs !== undefined) {
    state.bookmarkIntervalMs = options.watchBookmarkIntervalMs;
  }
  const timers = new KeyedTimers();
  const controllers = new KubeControllers(state, timers, {
    reconcileDelayMs: options.reconcileDelayMs ?? 1500,
    operationDurationMs: options.operationDurationMs ?? 3000,
  });

  const server = createServer((req, res) => {
    handleKubeRequest(state, controllers, req, res).catch(error => {
      if (!res.headersSent) {
        sendStatus(res, statusFor(500));
      }
      // eslint-disable-next-line no-console
      console.error(error);
    });
  });
  const url = await listen(server, options);

  return {
    url,
    token: tokens[0],
    setObjects: objects => {
      timers.cancelAll();
      state.setObjects(objects);
    },
    resetState: async () => {
      timers.cancelAll();
      state.reset();
    },
    getObject: ref => state.objects.find(object => sameObject(object, ref)),
    putObject: object => state.put(object),
    deleteObject: ref => state.remove(ref),
    dropWatches: ({ compact = false } = {}) => {
      if (compact) {
        state.compact();
      }
      return state.dropWatches();
    },
    openWatches: () => state.watchers.size,
    uninstall: resource => {
      state.served.delete(resource);
    },
    install: resource => {
      state.served.add(resource);
    },
    forbid: (resource, namespace) => {
      state.denied.add(namespace ? `${resource}@${namespace}` : resource);
    },
    allowAll: () => state.denied.clear(),
    setFault: next => {
      if (next) {
        validateBodyFaultFields(next);
      }
      state.fault = next && { ...next };
    },
    setLatency: ms => {
      state.latencyMs = ms;
    },
    requests: state.requests,
    resetRequests: () => {
      state.requests.length = 0;
    },
    requestCounts: () => countByMethodAndPath(state.requests),
    settled: () => timers.idle(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        timers.cancelAll();
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
