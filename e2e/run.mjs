// `npm run test:e2e`: builds the demo frontend, then runs the browser tests
// with node's test runner (its summary closes the output of `npm test`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install Debian's chromium (apt-get install -y chromium)`);
  process.exit(1);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!process.env.SKIP_APP_BUILD) run('npm', ['run', 'build:app']);
run(process.execPath, ['--test', '--test-concurrency=1', 'e2e/']);
