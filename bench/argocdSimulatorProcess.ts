import { startSimulator } from '@gitops-guide/argocd-simulator';

/**
 * The Argo CD simulator with generated load data, in a process of its own so
 * the backend's memory figures hold only the backend. Started by
 * `argocdStatus.ts` over IPC; counted and steered through `/_sim/...`.
 * Exits when its parent disconnects.
 */

/** What the child tells its parent once it listens. */
export interface SimulatorReady {
  url: string;
  instances: string[];
  tokens: Record<string, string>;
}

async function main() {
  const applications = Number(process.env.BENCH_APPLICATIONS ?? 1000);
  const historyLength = Number(process.env.BENCH_HISTORY_LENGTH ?? 20);
  const simulator = await startSimulator({
    port: 0,
    generate: { applications, historyLength },
  });
  const ready: SimulatorReady = {
    url: simulator.url,
    instances: simulator.instances,
    tokens: Object.fromEntries(
      simulator.instances.map(name => [name, simulator.token(name)]),
    ),
  };
  process.on('disconnect', () => {
    simulator.close().finally(() => process.exit(0));
  });
  process.send?.(ready);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
