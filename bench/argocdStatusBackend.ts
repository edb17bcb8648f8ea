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
import gitopsPlugin, {
  applicationStatusServiceRef,
  createApplicationStatusService,
  type ApplicationStatusService,
} from '@gitops-guide/backstage-plugin-gitops-backend';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { SimulatorReady } from './argocdSimulatorProcess';
import { SERVICES, serviceEntity } from './argocdStatusWorkload';
import { silentLogger } from './report';

/** The gitops backend plugin under test, and loading its routes over HTTP. */

export interface BenchBackend {
  backend: TestBackend;
  baseUrl: string;
  startMs: number;
  /** When each load reached the status service (`Date.now()`). */
  arrivals: number[];
}

/**
 * The default application status service, noting when each load reaches it, so a
 * concurrency run can tell loads that joined the in-flight upstream call
 * from loads answered by the cache after it.
 */
function timestampedStatusService(arrivals: number[]) {
  return createServiceFactory({
    service: applicationStatusServiceRef,
    deps: {
      config: coreServices.rootConfig,
      logger: coreServices.logger,
      cache: coreServices.cache,
    },
    factory({ config, logger, cache }): ApplicationStatusService {
      const service = createApplicationStatusService({
        config,
        logger,
        cache,
      });
      return {
        getApplications(target) {
          arrivals.push(Date.now());
          return service.getApplications(target);
        },
        getApplicationDetail(target, application) {
          arrivals.push(Date.now());
          return service.getApplicationDetail(target, application);
        },
      };
    },
  });
}

export async function startBackend(
  sim: SimulatorReady,
  cacheTtlSeconds: number,
): Promise<BenchBackend> {
  const arrivals: number[] = [];
  const entities = Array.from({ length: SERVICES }, (_, i) => serviceEntity(i));
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      gitopsPlugin,
      timestampedStatusService(arrivals),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          gitops: {
            argocd: {
              instances: sim.instances.map(name => ({
                name,
                url: `${sim.url}/${name}`,
                token: sim.tokens[name],
                // This bench measures the per-request lists and their cache.
                watch: false,
              })),
              cacheTtlSeconds,
              timeoutMs: 10_000,
            },
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
  return {
    backend,
    baseUrl: `http://127.0.0.1:${port}`,
    startMs: performance.now() - started,
    arrivals,
  };
}

export interface Loaded<T> {
  ms: number;
  body: T;
}

/** One GET, timed as the client sees it; anything but 200 throws. */
export async function load<T>(
  baseUrl: string,
  route: string,
): Promise<Loaded<T>> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${route}`);
  const body = (await res.json()) as T;
  const ms = performance.now() - started;
  if (res.status !== 200) {
    throw new Error(
      `GET ${route} answered ${res.status}: ${JSON.stringify(body)}`,
    );
  }
  return { ms, body };
}
