// `npm run test:e2e`: builds the demo frontend, starts the demo stack once,
// then runs the browser tests with node's test runner (its summary closes the
// output of `npm test`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startStack } from './stack.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install Debian's chromium (apt-get install -y chromium)`);
  process.exit(1);
}
if (!process.env.SKIP_APP_BUILD) {
  const build = spawnSync('npm', ['run', 'build:app'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const stack = await startStack();
let status = 1;
try {
  // Async, not spawnSync: this process serves the frontend while the tests run.
  const tests = spawn(process.execPath, ['--test', '--test-concurrency=1', 'e2e/'], {
    stdio: 'inherit',
  });
  status = await new Promise(done => tests.on('exit', code => done(code ?? 1)));
  if (status !== 0) console.error(stack.logs().slice(-20000));
} finally {
  await stack.stop();
}
process.exit(status);
