import {
  SimulatorControl,
  startSimulatorProcess,
  stopSimulatorProcess,
} from './argocdSimulatorClient';
import { startBackend } from './argocdStatusBackend';
import { printIntro, reportResults } from './argocdStatusReport';
import {
  measureAfterTtlExpiry,
  measureCardBurst,
  measureCardLoads,
  measureDetailBurst,
  measureDetailLoads,
  measureLatencySeries,
  warmUp,
  type BenchRun,
} from './argocdStatusScenarios';
import { CACHE_TTL_SECONDS } from './argocdStatusWorkload';
import { collectGarbage, MemoryPeak, memoryNow } from './report';

/**
 * Issue 3, "what it must show" 4: upstream requests, latency and peak memory
 * of the Argo CD card and tab, measured through HTTP against the simulator
 * with 1,000 generated applications and 20-entry histories.
 *
 * The workload is in `argocdStatusWorkload.ts`, the scenarios in
 * `argocdStatusScenarios.ts`, the tables in `argocdStatusReport.ts`.
 */
async function main() {
  const memory = new MemoryPeak().start();
  printIntro();

  const simulator = await startSimulatorProcess();
  const primary = await startBackend(simulator, CACHE_TTL_SECONDS);
  const run: BenchRun = {
    sim: new SimulatorControl(simulator.url),
    instances: simulator.instances,
    primary,
  };
  collectGarbage();
  const baseline = memoryNow();

  try {
    await warmUp(primary.baseUrl);
    const singleLoads = [
      ...(await measureCardLoads(run)),
      ...(await measureDetailLoads(run)),
    ];
    const bursts = {
      card: await measureCardBurst(run),
      detail: await measureDetailBurst(run),
    };
    const series = await measureLatencySeries(run);
    // Memory is measured up to here: the TTL run starts a second backend.
    const peak = memory.stop();
    collectGarbage();
    const end = memoryNow();
    const afterTtl = await measureAfterTtlExpiry(simulator, run.sim);

    await reportResults({
      instances: simulator.instances,
      counts: [
        ...singleLoads,
        afterTtl,
        bursts.card.countRow,
        bursts.detail.countRow,
      ],
      rows: [...series, bursts.card.seriesRow, bursts.detail.seriesRow],
      bursts,
      memory: { baseline, peak, end },
      backendStartMs: primary.startMs,
    });
  } finally {
    await primary.backend.stop();
    await stopSimulatorProcess(simulator);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
