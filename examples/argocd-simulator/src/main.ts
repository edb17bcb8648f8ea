import { startSimulator } from './server';

/** `npm start`: the bundled scenarios on PORT (default 7480), until SIGINT/SIGTERM. */
async function main() {
  const port = Number(process.env.PORT ?? 7480);
  const simulator = await startSimulator({ port, host: process.env.HOST });
  console.log(`Argo CD simulator listening on ${simulator.url}`);
  for (const name of simulator.instances) {
    console.log(
      `  ${name.padEnd(8)} ${simulator.instanceUrl(
        name,
      )}  token: ${simulator.token(name)}  login: admin / ${name}-password`,
    );
  }
  console.log(
    `  control  ${simulator.url}/_sim/faults/<instance> (POST a FaultSpec, DELETE to clear), ${simulator.url}/_sim/requests`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    console.log(`Received ${signal}, closing the Argo CD simulator`);
    simulator.close().then(
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
