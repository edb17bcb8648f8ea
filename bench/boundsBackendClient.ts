import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SimulatorReady } from './argocdSimulatorProcess';
import type {
  BackendProcessMessage,
  BenchMessage,
} from './boundsBackendProcess';
import type { BackendWatchResult } from './boundsProbes';

/** The bench's side of a backend process (`boundsBackendProcess.ts`). */
export interface BackendProcess {
  baseUrl: string;
  pid?: number;
  /** Forced GC in the backend, then memory sampling and loop delay until {@link unwatch}. */
  watch(): Promise<void>;
  unwatch(): Promise<BackendWatchResult>;
  stop(): Promise<void>;
}

function nextMessage<T extends BackendProcessMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<BackendProcessMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: BackendProcessMessage) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<BackendProcessMessage, { type: T }>);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`The backend process exited with code ${code}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startBackendProcess(
  simulator: SimulatorReady,
  options: { edgePassword?: string } = {},
): Promise<BackendProcess> {
  const child = fork(path.join(__dirname, 'boundsBackendProcess.ts'), [], {
    env: {
      ...process.env,
      BENCH_SIMULATOR: JSON.stringify(simulator),
      BENCH_EDGE_PASSWORD: options.edgePassword ?? '',
    },
  });
  const { baseUrl } = await nextMessage(child, 'ready');
  const send = (message: BenchMessage) => child.send(message);
  return {
    baseUrl,
    pid: child.pid,
    async watch() {
      const watching = nextMessage(child, 'watching');
      send({ type: 'watch' });
      await watching;
    },
    async unwatch() {
      const watched = nextMessage(child, 'watched');
      send({ type: 'unwatch' });
      return (await watched).result;
    },
    async stop() {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}
