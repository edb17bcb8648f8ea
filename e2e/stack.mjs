// Starts the demo portal for browser tests: the Argo CD simulator, the demo
// backend and the built frontend (served with an SPA fallback on :3000).
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const appDist = join(root, 'examples/app/dist');

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

function serveApp(port) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = join(appDist, decodeURIComponent(url.pathname));
    if (!file.startsWith(appDist) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(appDist, 'index.html');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise(ok => server.listen(port, '127.0.0.1', () => ok(server)));
}

function start(name, command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log = [];
  const keep = chunk => {
    log.push(chunk.toString());
    if (log.length > 400) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { name, child, log };
}

async function waitFor(url, timeoutMs, procs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    for (const p of procs) {
      if (p.child.exitCode !== null) {
        throw new Error(`${p.name} exited early:\n${p.log.join('')}`);
      }
    }
    if (Date.now() > until) {
      throw new Error(`Timed out waiting for ${url}\n${procs.map(p => `--- ${p.name}\n${p.log.join('')}`).join('\n')}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

export async function startStack() {
  if (!existsSync(join(appDist, 'index.html'))) {
    throw new Error('The demo app is not built: run `npm run build:app` first');
  }
  const sim = start('simulator', 'npm', ['run', 'start:simulator'], { GITOPS_SIM_MOTION: 'off' });
  const backend = start('backend', 'npm', ['run', 'start:backend'], { NODE_ENV: 'development' });
  const app = await serveApp(3000);
  const procs = [sim, backend];
  const stop = async () => {
    app.close();
    for (const p of procs) {
      try {
        process.kill(-p.child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  try {
    await waitFor('http://127.0.0.1:7480/_sim/requests', 60_000, procs);
    await waitFor('http://127.0.0.1:7007/api/gitops/health', 240_000, procs);
  } catch (e) {
    await stop();
    throw e;
  }
  return { stop, logs: () => procs.map(p => `--- ${p.name}\n${p.log.join('')}`).join('\n') };
}
