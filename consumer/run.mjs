// `npm run test:consumer`: proves the three plugin packages work as an adopter
// gets them from the registry, not as the workspace links them. It builds and
// packs them, checks each tarball's manifest, installs only the tarballs into a
// scratch project under the OS temp dir, then in that project: starts a backend
// with the GitOps plugin against the Argo CD simulator, checks the config
// schema, and type-checks an app of each frontend system (consumer/fixtures/).
//
// CONSUMER_KEEP=1 keeps <tmp>/gitops-guide-consumer-keep between runs and only
// reinstalls when its dependencies change, for fast local iteration.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkBackend } from './backendCheck.mjs';
import {
  CheckFailed,
  childEnv,
  killGroup,
  lastLines,
  log,
  repo,
  run,
  running,
} from './processes.mjs';
import { checkTarballManifest } from './tarballManifest.mjs';

const fixtures = path.join(repo, 'consumer', 'fixtures');
const keep = process.env.CONSUMER_KEEP === '1';

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
