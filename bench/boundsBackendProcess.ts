import type { SimulatorReady } from './argocdSimulatorProcess';
import { startBoundsBackend } from './boundsBackend';
import { BackendWatch, type BackendWatchResult } from './boundsProbes';

/**
 * The gitops backend of the `bounds` bench, one fresh process per load
 * scenario, so each scenario's RSS growth starts from a backend that has
 * not yet grown (freed pages are kept by the allocator and would hide
 * the next scenario's growth) and the bench's own HTTP clients are not in
 * its memory or on its event loop. Forked by `bounds.ts` with the
 * simulator in `BENCH_SIMULATOR`; steered over IPC:
 *
 * - sends `{type: 'ready', baseUrl}` once it listens;
 * - `{type: 'watch'}`: forced GC, then memory sampling and the event loop
 *   delay histogram; answers `{type: 'watching'}`;
 * - `{type: 'unwatch'}`: answers `{type: 'watched', result}`.
 *
 * Exits when its parent disconnects.
 */

export type BackendProcessMessage =
  | { type: 'ready'; baseUrl: string }
  | { type: 'watching' }
  | { type: 'watched'; result: BackendWatchResult };

export type BenchMessage = { type: 'watch' } | { type: 'unwatch' };

async function main() {
  const simulator = JSON.parse(
    process.env.BENCH_SIMULATOR ?? 'null',
  ) as SimulatorReady | null;
  if (!simulator) throw new Error('BENCH_SIMULATOR is not set');
  const { backend, baseUrl } = await startBoundsBackend(simulator, {
    edgePassword: process.env.BENCH_EDGE_PASSWORD || undefined,
  });
  const send = (message: BackendProcessMessage) => process.send?.(message);

  let watch: BackendWatch | undefined;
  process.on('message', (message: BenchMessage) => {
    if (message.type === 'watch') {
      watch = new BackendWatch();
      send({ type: 'watching' });
    } else if (message.type === 'unwatch' && watch) {
      const stopping = watch;
      watch = undefined;
      stopping.stop().then(result => send({ type: 'watched', result }));
    }
  });
  process.on('disconnect', () => {
    backend.stop().finally(() => process.exit(0));
  });
  send({ type: 'ready', baseUrl });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
