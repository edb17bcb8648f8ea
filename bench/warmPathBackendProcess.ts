import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import gitopsPlugin from '@gitops-guide/backstage-plugin-gitops-backend';
import { demoPermissionPolicyModule } from '../examples/backend/src/demoPermissionPolicy';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { SimulatorReady } from './argocdSimulatorProcess';
import { CACHE_TTL_SECONDS, GUEST_OWNERSHIP, WATCH } from './warmPathWorkload';

/**
 * The backend of the `warm-path` bench, in a process of its own so the
 * load generator is not on its event loop: the demo backend's features
 * (examples/backend/src/index.ts) but search, whose indexing would run in
 * the middle of the measurements: `@backstage/backend-defaults`
 * with its default services (real token handling, in-memory cache, winston
 * logging of every request, SQLite in memory), the auth backend with the
 * guest provider, the catalog reading a file location, the permission
 * backend with the demo's policy, signals, and the gitops plugin reading the
 * Argo CD simulator (watched with `BENCH_WARM_PATH_WATCH=1`). Forked by `warmPath.ts` with `BENCH_SIMULATOR`, `BENCH_PORT`
 * and `BENCH_CATALOG_FILE`; sends `{type: 'ready', baseUrl}` once it
 * listens and exits when its parent disconnects. `{type: 'profile-start'}`
 * and `{type: 'profile-stop', file}` take a CPU profile of what runs in
 * between (answered `{type: 'profiled'}`).
 */

export interface WarmPathBackendReady {
  type: 'ready';
  baseUrl: string;
}

export type WarmPathProfileMessage =
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string };

/** CPU profiles on request, through the inspector of this process. */
function answerProfileRequests() {
  let session: Session | undefined;
  process.on('message', async (message: WarmPathProfileMessage) => {
    if (message.type === 'profile-start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
    } else if (message.type === 'profile-stop' && session) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      await writeFile(message.file, JSON.stringify(profile));
      process.send?.({ type: 'profiled' });
    }
  });
}

function config(sim: SimulatorReady, port: number, catalogFile: string) {
  const baseUrl = `http://127.0.0.1:${port}`;
  return new ConfigReader({
    app: { baseUrl: 'http://127.0.0.1:3000' },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
    },
    auth: {
      providers: {
        guest: {
          dangerouslyAllowOutsideDevelopment: true,
          ownershipEntityRefs: GUEST_OWNERSHIP,
        },
      },
    },
    permission: { enabled: true },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Group',
            'User',
          ],
        },
      ],
      locations: [{ type: 'file', target: catalogFile }],
      // Not every 100–150 s (the default): the first refresh of the 300
      // entities would fall in the middle of the measurements.
      processingInterval: { minutes: 30 },
    },
    gitops: {
      argocd: {
        instances: sim.instances.map(name => ({
          name,
          url: `${sim.url}/${name}`,
          token: sim.tokens[name],
          watch: WATCH,
        })),
        cacheTtlSeconds: CACHE_TTL_SECONDS,
        timeoutMs: 10_000,
      },
    },
  });
}

async function main() {
  const sim = JSON.parse(
    process.env.BENCH_SIMULATOR ?? 'null',
  ) as SimulatorReady | null;
  const port = Number(process.env.BENCH_PORT);
  const catalogFile = process.env.BENCH_CATALOG_FILE;
  if (!sim || !port || !catalogFile) {
    throw new Error(
      'BENCH_SIMULATOR, BENCH_PORT and BENCH_CATALOG_FILE must be set',
    );
  }
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config(sim, port, catalogFile),
    }),
  );
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(demoPermissionPolicyModule);
  backend.add(import('@backstage/plugin-signals-backend'));
  backend.add(gitopsPlugin);
  await backend.start();

  answerProfileRequests();
  process.on('disconnect', () => {
    backend.stop().finally(() => process.exit(0));
  });
  const ready: WarmPathBackendReady = {
    type: 'ready',
    baseUrl: `http://127.0.0.1:${port}`,
  };
  process.send?.(ready);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
