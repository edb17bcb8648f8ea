import { validateBodyFaultFields } from '../faults';
import { listen } from '../listen';
import { createServer } from 'node:http';
import { handleKubeRequest, KubeState, sendStatus } from './listHandler';
import { KNOWN_RESOURCES, resourceName } from './resources';
import { statusFor } from './status';
import type { KubeApiServer, KubeApiServerOptions } from './types';

const DEFAULT_TOKEN = 'sim-kube-token';
const DEFAULT_USER = 'system:serviceaccount:backstage:backstage-gitops';

/**
 * Starts a fake Kubernetes API server that speaks the list protocol of custom
 * resources: `GET /apis/<group>/<version>/<plural>` (cluster-wide) and
 * `GET /apis/<group>/<version>/namespaces/<ns>/<plural>`, with
 * `labelSelector` and `fieldSelector` (`metadata.name`, `metadata.namespace`),
 * `<Kind>List` answers with `apiVersion` and `metadata.resourceVersion`, a
 * bearer-token check, and `Status` bodies for 400/401/403/404. Enough to drive
 * `@kubernetes/client-node` against it; nothing is ever written.
 */
export async function startKubeApiServer(
  options: KubeApiServerOptions = {},
): Promise<KubeApiServer> {
  const tokens = options.tokens ?? [DEFAULT_TOKEN];
  const state = new KubeState(
    tokens,
    options.user ?? DEFAULT_USER,
    new Set(options.resources ?? KNOWN_RESOURCES.map(resourceName)),
  );
  state.setObjects(options.objects ?? []);

  const server = createServer((req, res) => {
    handleKubeRequest(state, req, res).catch(error => {
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
    setObjects: objects => state.setObjects(objects),
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
