// Check 4 of the consumer check: the installed backend package, started with
// createBackend() in the scratch project, serves the GitOps API against the
// Argo CD simulator.
import { randomBytes } from 'node:crypto';
import {
  CheckFailed,
  freePorts,
  getJson,
  log,
  repo,
  startProcess,
  waitFor,
} from './processes.mjs';

const BACKEND = '@gitops-guide/backstage-plugin-gitops-backend';

export async function checkBackend(dir) {
  const [backendPort, simulatorPort, kubePort] = await freePorts(3);
  const token = randomBytes(24).toString('hex');
  const simulator = startProcess('Argo CD simulator', 'npm', ['run', 'start:simulator'], {
    cwd: repo,
    env: { PORT: String(simulatorPort), KUBE_PORT: String(kubePort), HOST: '127.0.0.1', GITOPS_SIM_MOTION: 'off' },
  });
  let backend;
  try {
    await waitFor(
      'the Argo CD simulator',
      async () => {
        const { status } = await getJson(`http://127.0.0.1:${simulatorPort}/central/api/version`);
        return status === 200 ? { ok: true } : { reason: `HTTP ${status}` };
      },
      { seconds: 60, process: simulator },
    );
    log(`simulator up on :${simulatorPort}; starting the backend on :${backendPort}`);
    backend = startProcess(
      'the backend',
      process.execPath,
      ['backend.cjs', '--config', 'app-config.yaml'],
      {
        cwd: dir,
        env: {
          CONSUMER_BACKEND_PORT: String(backendPort),
          CONSUMER_SIMULATOR_PORT: String(simulatorPort),
          CONSUMER_TOKEN: token,
        },
      },
    );
    await assertApi(`http://127.0.0.1:${backendPort}/api/gitops`, token, backend);
  } finally {
    await Promise.all([backend?.stop(), simulator.stop()]);
  }
}

async function assertApi(api, token, backend) {
  const health = await waitFor(
    'GET /api/gitops/health',
    async () => {
      const { status, body } = await getJson(`${api}/health`);
      return body?.status === 'ok' ? { ok: true, value: body } : { reason: `HTTP ${status}` };
    },
    { seconds: 120, process: backend },
  );
  log(`backend answers /health: ${JSON.stringify(health)}`);

  // 404 until the catalog has ingested catalog-info.yaml.
  const route = '/entities/component/default/payments-api/applications';
  const applications = await waitFor(
    `${BACKEND}: GET /api/gitops${route}`,
    async () => {
      const { status, body } = await getJson(`${api}${route}`, token);
      return status === 200
        ? { ok: true, value: body }
        : { reason: `HTTP ${status} ${JSON.stringify(body).slice(0, 300)}` };
    },
    { seconds: 60, process: backend },
  );
  const found = applications.applications.map(app => `${app.name}@${app.instance}`).sort();
  const expected = [
    'payments-api-dev@edge',
    'payments-api-prod@central',
    'payments-api-staging@central',
  ];
  if (JSON.stringify(found) !== JSON.stringify(expected) || applications.errors.length) {
    const answer = JSON.stringify({ applications: found, errors: applications.errors });
    throw new CheckFailed(
      `${BACKEND}: GET /api/gitops${route} answered ${answer}, expected the applications ` +
        `${expected.join(', ')} and no errors\n${backend.logs()}`,
    );
  }

  const search = await getJson(`${api}/knowledge?q=rollback`, token);
  if (search.status !== 200 || !search.body.results?.length) {
    const answer = JSON.stringify(search.body).slice(0, 500);
    throw new CheckFailed(
      `${BACKEND}: GET /api/gitops/knowledge?q=rollback answered HTTP ${search.status} without ` +
        `results; is content/ shipped and found?\n${answer}`,
    );
  }
  log(`backend serves ${found.join(', ')} and ${search.body.total} knowledge hits for "rollback"`);
}
