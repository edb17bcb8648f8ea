import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import gitopsPlugin from '@gitops-guide/backstage-plugin-gitops-backend';
import type { AddressInfo } from 'node:net';
import type { SimulatorReady } from './argocdSimulatorProcess';
import { collectGarbage, memoryNow, silentLogger } from './report';
import { watchEntities } from './watchWorkload';

/**
 * The gitops backend of the `watch` bench in a process of its own, so its
 * memory holds only the backend: both simulator instances with static
 * tokens, `watch` on or off (`BENCH_WATCH`), and the signals backend.
 * Steered over IPC:
 * `{type: 'memory'}` answers `{type: 'memory', rss, heapUsed, peakRss}`
 * after a forced GC. Exits when its parent disconnects.
 */

export type WatchBackendMessage =
  | { type: 'ready'; baseUrl: string; startMs: number }
  | { type: 'memory'; rss: number; heapUsed: number; peakRss: number };

async function main() {
  const sim = JSON.parse(
    process.env.BENCH_SIMULATOR ?? 'null',
  ) as SimulatorReady;
  const watch = process.env.BENCH_WATCH === 'true';
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      gitopsPlugin,
      // Pushes changes to open pages over its WebSocket, as in an app with
      // live updates; the real events bus, which the test backend replaces
      // with one mock per plugin.
      import('@backstage/plugin-signals-backend'),
      eventsServiceFactory,
      catalogServiceMock.factory({ entities: watchEntities() }),
      mockServices.rootConfig.factory({
        data: {
          gitops: {
            argocd: {
              instances: sim.instances.map(name => ({
                name,
                url: `${sim.url}/${name}`,
                token: sim.tokens[name],
                watch,
              })),
              timeoutMs: 60_000,
            },
            limits: { maxResponseMegabytes: 512, requestDeadlineMs: 60_000 },
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
  const send = (message: WatchBackendMessage) => process.send?.(message);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'memory') {
      collectGarbage();
      send({
        type: 'memory',
        ...memoryNow(),
        peakRss: process.resourceUsage().maxRSS * 1024,
      });
    }
  });
  process.on('disconnect', () => {
    backend.stop().finally(() => process.exit(0));
  });
  send({
    type: 'ready',
    baseUrl: `http://127.0.0.1:${port}`,
    startMs: performance.now() - started,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
