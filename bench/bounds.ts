import {
  SimulatorControl,
  startSimulatorProcess,
  stopSimulatorProcess,
} from './argocdSimulatorClient';
import {
  startBackendProcess,
  type BackendProcess,
} from './boundsBackendClient';
import { firstTouchCost } from './boundsProbes';
import { printIntro, reportResults } from './boundsReport';
import {
  measureAccepted,
  measureHangingMetadata,
  measureIdleHealth,
  measureOversize,
  measureRefusedLogin,
  warmUp,
} from './boundsScenarios';
import {
  BIG_ENTITIES,
  BOUNDS_APPLICATIONS,
  BOUNDS_HISTORY_LENGTH,
} from './boundsWorkload';

/**
 * Issue 14: the backend stays bounded when an upstream misbehaves. A 50 MB
 * list answer (once, and five at once) is abandoned at the size limit; a
 * 30 MiB one is read, parsed and normalized without holding the event loop
 * for long; a detail whose revision metadata hangs answers at the request
 * deadline; a refused login is not retried for every request.
 *
 * This process is the client: it steers the simulator (a process of its
 * own), loads cards and details and probes `/api/gitops/health`. Each load
 * scenario gets a fresh backend process (`boundsBackendProcess.ts`), which
 * samples its own memory and event loop delay. Workload in
 * `boundsWorkload.ts`, scenarios in `boundsScenarios.ts`, tables in
 * `boundsReport.ts`.
 */
async function main() {
  printIntro();
  const firstTouch = firstTouchCost();
  const simulator = await startSimulatorProcess({
    applications: BOUNDS_APPLICATIONS,
    historyLength: BOUNDS_HISTORY_LENGTH,
  });
  const sim = new SimulatorControl(simulator.url);
  const simulatorPid = simulator.child.pid;
  /** A fresh, warmed-up backend for `scenario`, stopped afterwards. */
  const onFreshBackend = async <T>(
    scenario: (backend: BackendProcess) => Promise<T>,
  ): Promise<T> => {
    const backend = await startBackendProcess(simulator);
    try {
      await warmUp({ sim, simulatorPid, backend });
      return await scenario(backend);
    } finally {
      await backend.stop();
    }
  };
  try {
    const { idleHealth, one } = await onFreshBackend(async backend => ({
      idleHealth: await measureIdleHealth(backend),
      one: await measureOversize({ sim, simulatorPid, backend }, 1),
    }));
    const five = await onFreshBackend(backend =>
      measureOversize({ sim, simulatorPid, backend }, BIG_ENTITIES),
    );
    // The detail scenario measures no memory: it shares the backend.
    const { accepted, hangingMetadata } = await onFreshBackend(
      async backend => ({
        accepted: await measureAccepted({ sim, simulatorPid, backend }),
        hangingMetadata: await measureHangingMetadata({
          sim,
          simulatorPid,
          backend,
        }),
      }),
    );
    const refusedLogin = await measureRefusedLogin(sim, simulator);
    await reportResults({
      one,
      five,
      accepted,
      hangingMetadata,
      refusedLogin,
      idleHealth,
      firstTouch,
    });
  } finally {
    await stopSimulatorProcess(simulator);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
