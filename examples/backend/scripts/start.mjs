// `npm run start:backend [-- --config my.yaml …]`: starts the demo backend with
// examples/app-config.yaml, then any --config files given, merged in order by
// Backstage's config loader. Relative paths are taken from where npm was run,
// not from this package's folder.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';

const packageDir = resolve(dirname(new URL(import.meta.url).pathname), '..');
const callerDir = process.env.INIT_CWD ?? process.cwd();
const args = process.argv.slice(2);
const forwarded = args.map((arg, i) =>
  args[i - 1] === '--config' ? resolve(callerDir, arg) : arg,
);

const child = spawn(
  'npx',
  [
    'backstage-cli',
    'package',
    'start',
    '--config',
    resolve(packageDir, '../app-config.yaml'),
    ...forwarded,
  ],
  { cwd: packageDir, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', code => process.exit(code ?? 0));
