// `npm run test:consumer`: proves the three plugin packages work as an adopter
// gets them from the registry, not as the workspace links them. It builds and
// packs them, checks each tarball's manifest, installs only the tarballs into a
// scratch project under the OS temp dir, then in that project: starts a backend
// with the GitOps plugin against the Argo CD simulator, checks the config
// schema, and type-checks an app of each frontend system (consumer/fixtures/).
//
// CONSUMER_KEEP=1 keeps <tmp>/gitops-guide-consumer-keep between runs and only
// reinstalls when its dependencies change, for fast local iteration.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTarballManifest } from './tarballManifest.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const fixtures = path.join(repo, 'consumer', 'fixtures');
const keep = process.env.CONSUMER_KEEP === '1';
// The demo stack (`npm start`) may be running on these.
const busyPorts = new Set([3000, 7007, 7480, 7481]);

const BACKEND = '@gitops-guide/backstage-plugin-gitops-backend';
const FRONTEND = '@gitops-guide/backstage-plugin-gitops';
const packages = [
  { dir: 'plugins/gitops-common', name: '@gitops-guide/backstage-plugin-gitops-common' },
  {
    dir: 'plugins/gitops-backend',
    name: BACKEND,
    // The knowledge base is read from the installed package at runtime.
    required: ['config.d.ts', 'content/skill-check.yaml', 'content/questions/*.md'],
  },
  { dir: 'plugins/gitops-frontend', name: FRONTEND },
];

const started = Date.now();
const log = message =>
  console.log(`[consumer ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** A failed check: its message is the report, no stack trace needed. */
class CheckFailed extends Error {}

/**
 * Child processes get no npm_* variables: under `npm run`, npm_config_local_prefix
 * would make `npm install` in the scratch project install into the repo.
 */
const childEnv = extra => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
  ...extra,
});

const lastLines = (text, count = 40) => text.trim().split('\n').slice(-count).join('\n');

/** Runs a command to completion and returns its stdout; fails with its output on a non-zero exit. */
function run(command, args, { cwd = repo, env, what = `${command} ${args.join(' ')}` } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: childEnv(env),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const why = result.error ?? `exit ${result.status ?? result.signal}`;
    const output = lastLines(`${result.stdout ?? ''}\n${result.stderr ?? ''}`);
    throw new CheckFailed(`${what} failed (${why}):\n${output}`);
  }
  return result.stdout;
}

// --- 1. build and pack ----------------------------------------------------

function buildAndPack(packsDir) {
  fs.mkdirSync(packsDir, { recursive: true });
  // tsc is here for the declarations (dist-types/) the package builds bundle;
  // type errors fail `npm run tsc`, which `npm test` runs first.
  const tsc = spawnSync('npx', ['tsc', '--pretty', 'false'], {
    cwd: repo,
    env: childEnv(),
    encoding: 'utf8',
  });
  if (tsc.status !== 0) {
    log(
      `warning: tsc reported errors, declarations are emitted anyway:\n${lastLines(
        tsc.stdout,
        10,
      )}`,
    );
  }
  return packages.map(pkg => {
    const cwd = path.join(repo, pkg.dir);
    run('npx', ['backstage-cli', 'package', 'build'], {
      cwd,
      what: `${pkg.name}: backstage-cli package build`,
    });
    const [packed] = packWithRestore(pkg, cwd, packsDir);
    log(`packed ${packed.filename}`);
    return { ...pkg, tarball: path.join(packsDir, packed.filename) };
  });
}

/** `npm pack` runs prepack, which rewrites package.json; if pack fails before postpack, restore it. */
function packWithRestore(pkg, cwd, packsDir) {
  try {
    return JSON.parse(
      run('npm', ['pack', '--json', '--pack-destination', packsDir], {
        cwd,
        what: `${pkg.name}: npm pack`,
      }),
    );
  } finally {
    if (fs.existsSync(path.join(cwd, 'package.json-prepack'))) {
      run('npx', ['backstage-cli', 'package', 'postpack'], { cwd });
    }
  }
}

// --- 2. tarball manifests --------------------------------------------------

function readTarball(tarball) {
  const files = run('tar', ['-tzf', tarball])
    .split('\n')
    .filter(Boolean)
    .map(file => file.replace(/^package\//, ''));
  const packageJson = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']));
  return { files, packageJson };
}

function checkManifests(packed) {
  const problems = packed.flatMap(pkg => {
    const { files, packageJson } = readTarball(pkg.tarball);
    return checkTarballManifest(packageJson, files, { required: pkg.required });
  });
  if (problems.length) throw new CheckFailed(problems.join('\n'));
}

// --- 3. the adopter's project ----------------------------------------------

/** The exact versions of the workspace's top-level @backstage/* packages. */
function workspaceBackstageVersions() {
  const scope = path.join(repo, 'node_modules', '@backstage');
  return Object.fromEntries(
    fs.readdirSync(scope).map(dir => {
      const { name, version } = JSON.parse(
        fs.readFileSync(path.join(scope, dir, 'package.json'), 'utf8'),
      );
      return [name, version];
    }),
  );
}

function consumerPackageJson(packed) {
  const backstage = workspaceBackstageVersions();
  const pinned = names =>
    Object.fromEntries(
      names.map(name => {
        if (!backstage[name])
          throw new CheckFailed(`${name} is not installed in the workspace; run npm ci`);
        return [name, backstage[name]];
      }),
    );
  return {
    name: 'gitops-guide-consumer-check',
    private: true,
    dependencies: {
      ...Object.fromEntries(
        packed.map(pkg => [pkg.name, `file:packs/${path.basename(pkg.tarball)}`]),
      ),
      ...pinned([
        '@backstage/backend-defaults',
        '@backstage/plugin-catalog-backend',
        '@backstage/config-loader',
        '@backstage/frontend-defaults',
        '@backstage/plugin-catalog',
        '@backstage/core-components',
      ]),
      'better-sqlite3': '^12.0.0',
      '@material-ui/core': '^4.12.2',
      react: '^18.3.1',
      'react-dom': '^18.3.1',
      'react-router-dom': '^6.30.2',
      typescript: '~5.8.0',
      '@types/react': '^18',
      '@types/react-dom': '^18',
    },
    // The registry is ahead of the Backstage release this repo builds
    // against; pin every @backstage/* package so the check is deterministic.
    overrides: backstage,
    // better-sqlite3 (the in-memory database) compiles its native module.
    allowScripts: { 'better-sqlite3': true },
  };
}

/** Installs the tarballs; with CONSUMER_KEEP, reuses an install with the same dependencies. */
function install(dir, packed) {
  const manifest = consumerPackageJson(packed);
  const stamp = createHash('sha256')
    .update(
      JSON.stringify([
        manifest,
        packed.map(pkg => readTarball(pkg.tarball).packageJson.dependencies),
      ]),
    )
    .digest('hex');
  const stampFile = path.join(dir, '.install-stamp');
  if (keep && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    packed.forEach(pkg => unpackInto(path.join(dir, 'node_modules', pkg.name), pkg.tarball));
    log('reused the kept install (same dependencies), unpacked the new tarballs over it');
    return;
  }
  fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log('npm install (a few minutes: better-sqlite3 compiles from source)');
  // --legacy-peer-deps: @material-ui/core 4, which every Backstage app uses,
  // declares peers react ^16 || ^17, so React 18 is an ERESOLVE conflict for npm.
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--legacy-peer-deps'], {
    cwd: dir,
  });
  fs.writeFileSync(stampFile, stamp);
}

function unpackInto(target, tarball) {
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
}

function copyFixtures(dir) {
  fs.cpSync(fixtures, dir, { recursive: true });
}

// --- 4. backend against the simulator --------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function freePorts(count) {
  const ports = new Set();
  while (ports.size < count) {
    const port = await freePort();
    if (!busyPorts.has(port)) ports.add(port);
  }
  return [...ports];
}

/** Process groups of the simulator and backend, killed on Ctrl-C too. */
const running = new Set();
const killGroup = (pid, signal) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
};

/** Starts a long-running process in its own process group, keeping the tail of its output. */
function startProcess(label, command, args, options) {
  const child = spawn(command, args, { ...options, env: childEnv(options.env), detached: true });
  running.add(child.pid);
  let output = '';
  const keepTail = chunk => {
    output = (output + chunk).slice(-20000);
  };
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  let hasExited = false;
  const exited = new Promise(resolve =>
    child.on('exit', () => {
      hasExited = true;
      running.delete(child.pid);
      resolve();
    }),
  );
  return {
    label,
    hasExited: () => hasExited,
    logs: () => lastLines(output),
    async stop() {
      // The group: npm runs the simulator through a shell and tsx.
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Polls `probe` (answers { ok, value } or { reason }) until it is ok, `watched` exits or time is up. */
async function waitFor(what, probe, { seconds, process: watched }) {
  const deadline = Date.now() + seconds * 1000;
  let reason = 'no answer';
  while (Date.now() < deadline) {
    if (watched?.hasExited()) {
      throw new CheckFailed(
        `${watched.label} exited while waiting for ${what}:\n${watched.logs()}`,
      );
    }
    try {
      const result = await probe();
      if (result.ok) return result.value;
      reason = result.reason;
    } catch (error) {
      reason = error.cause?.code ?? String(error);
    }
    await sleep(1000);
  }
  throw new CheckFailed(
    `${what}: not ready after ${seconds}s (${reason})${watched ? `\n${watched.logs()}` : ''}`,
  );
}

async function getJson(url, token) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

async function checkBackend(dir) {
  const [backendPort, simulatorPort, kubePort] = await freePorts(3);
  const token = randomBytes(24).toString('hex');
  const simulator = startProcess('Argo CD simulator', 'npm', ['run', 'start:simulator'], {
    cwd: repo,
    env: { PORT: String(simulatorPort), KUBE_PORT: String(kubePort), HOST: '127.0.0.1' },
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

// --- 5. config schema, 6. frontend types ------------------------------------

function checkConfigSchema(dir) {
  run(process.execPath, ['check-config-schema.mjs'], {
    cwd: dir,
    what: 'config schema check (fixtures/check-config-schema.mjs)',
  });
}

function checkFrontendTypes(dir) {
  run(
    process.execPath,
    [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--pretty', 'false'],
    {
      cwd: dir,
      what: `${FRONTEND}: tsc of fixtures/src/App.tsx and EntityPage.tsx`,
    },
  );
}

// --- main ------------------------------------------------------------------

function scratchDir() {
  const base = path.join(os.tmpdir(), 'gitops-guide-consumer-');
  if (!keep) return fs.mkdtempSync(base);
  fs.mkdirSync(`${base}keep`, { recursive: true });
  return `${base}keep`;
}

async function main(dir) {
  log('unit tests of the manifest check');
  run(process.execPath, ['--test', path.join(repo, 'consumer', 'tarballManifest.test.mjs')]);

  log(`building and packing into ${dir}/packs`);
  const packed = buildAndPack(path.join(dir, 'packs'));

  log('checking the tarball manifests');
  checkManifests(packed);

  copyFixtures(dir);
  install(dir, packed);

  // Independent checks: run them all and report every failure.
  const checks = [
    ['backend against the Argo CD simulator', () => checkBackend(dir)],
    ['config schema', () => checkConfigSchema(dir)],
    ['frontend type check', () => checkFrontendTypes(dir)],
  ];
  const failures = [];
  for (const [name, check] of checks) {
    log(name);
    try {
      await check();
    } catch (error) {
      if (!(error instanceof CheckFailed)) throw error;
      failures.push(error.message);
    }
  }
  if (failures.length) throw new CheckFailed(failures.join('\n\n'));
}

const dir = scratchDir();
const cleanUp = () => keep || fs.rmSync(dir, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    running.forEach(pid => killGroup(pid, 'SIGTERM'));
    cleanUp();
    process.exit(1);
  });
}
try {
  await main(dir);
  const names = packages.map(pkg => pkg.name).join(', ');
  log(`OK: ${names} pack, install, serve and type-check as an adopter gets them`);
} catch (error) {
  const report = error instanceof CheckFailed ? error.message : error.stack;
  console.error(`\nconsumer check FAILED:\n${report}`);
  process.exitCode = 1;
} finally {
  cleanUp();
}
