import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import gitopsPlugin from '@gitops-guide/backstage-plugin-gitops-backend';
import type { AddressInfo } from 'node:net';
import type { SimulatorReady } from './argocdSimulatorProcess';
import { boundsEntities } from './boundsWorkload';
import { silentLogger } from './report';

/**
 * The gitops backend plugin for the `bounds` bench: `central` with its
 * static token, `edge` with a session login (or a refused one), no caching
 * (every load reaches upstream) and `gitops.limits` at its defaults.
 */

export interface BoundsBackend {
  backend: TestBackend;
  baseUrl: string;
}

/** An `edgePassword` other than the simulator's makes every edge login a refusal. */
export async function startBoundsBackend(
  sim: SimulatorReady,
  options: { edgePassword?: string } = {},
): Promise<BoundsBackend> {
  const backend = await startTestBackend({
    features: [
      gitopsPlugin,
      catalogServiceMock.factory({ entities: boundsEntities() }),
      mockServices.rootConfig.factory({
        data: {
          gitops: {
            argocd: {
              instances: [
                {
                  name: 'central',
                  url: `${sim.url}/central`,
                  token: sim.tokens.central,
                  // The bounds of per-request reads are measured.
                  watch: false,
                },
                {
                  name: 'edge',
                  url: `${sim.url}/edge`,
                  username: 'admin',
                  // The simulator's password for an instance is `<name>-password`.
                  password: options.edgePassword ?? 'edge-password',
                  watch: false,
                },
              ],
              cacheTtlSeconds: 0,
            },
            // No gitops.limits: its defaults, 32 MiB per answer and 5,000 ms per request.
          },
        },
      }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => silentLogger,
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return { backend, baseUrl: `http://127.0.0.1:${port}` };
}
