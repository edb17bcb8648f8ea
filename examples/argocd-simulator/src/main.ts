import { motionIntervalFromEnv, startDemoMotion } from './demoMotion';
import { loadKubeObjects, startKubeApiServer } from './kube';
import { startSimulator } from './server';

/**
 * `npm start`: the bundled scenarios on PORT (default 7480) and a fake
 * Kubernetes API serving `kube-scenarios/` on KUBE_PORT (default 7481), until
 * SIGINT/SIGTERM. Some demo apps change every 20 s so live updates show
 * (GITOPS_SIM_MOTION=off stops that, GITOPS_SIM_MOTION_SECONDS sets the interval).
 */
async function main() {
  const port = Number(process.env.PORT ?? 7480);
  const simulator = await startSimulator({ port, host: process.env.HOST });
  console.log(`Argo CD simulator listening on ${simulator.url}`);
  for (const name of simulator.instances) {
    console.log(
      `  ${name.padEnd(8)} ${simulator.instanceUrl(
        name,
      )}  token: ${simulator.token(
        name,
      )}  read-only token: sim-${name}-readonly  login: admin / ${name}-password`,
    );
  }
  console.log(
    `  control  ${simulator.url}/_sim/faults/<instance> (POST a FaultSpec, DELETE to clear), ${simulator.url}/_sim/requests, POST ${simulator.url}/_sim/state/reset`,
  );
  const motionIntervalMs = motionIntervalFromEnv(process.env);
  const motion =
    motionIntervalMs === undefined
      ? undefined
      : startDemoMotion(simulator, { intervalMs: motionIntervalMs });
  console.log(
    motionIntervalMs === undefined
      ? '  motion   off (GITOPS_SIM_MOTION=off): the demo apps change only when asked'
      : `  motion   one of ${motion?.apps.join(', ')} changes every ${
          motionIntervalMs / 1000
        } s, for live updates (GITOPS_SIM_MOTION=off stops it, GITOPS_SIM_MOTION_SECONDS sets the interval)`,
  );
  const kube = await startKubeApiServer({
    port: Number(process.env.KUBE_PORT ?? 7481),
    host: process.env.HOST,
    objects: await loadKubeObjects(),
  });
  console.log(
    `Fake Kubernetes API listening on ${kube.url}  token: ${kube.token}  read-only token: sim-kube-readonly  (Argo CD Applications and Flux objects from kube-scenarios/)`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    motion?.stop();
    console.log(`Received ${signal}, closing the Argo CD simulator`);
    Promise.all([simulator.close(), kube.close()]).then(
      () => process.exit(0),
      error => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
