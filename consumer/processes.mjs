// Helpers of the consumer check: logging, child processes and waiting for
// them, free ports. Shared by run.mjs and backendCheck.mjs.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('..', import.meta.url));
// The demo stack (`npm start`) may be running on these.
const busyPorts = new Set([3000, 7007, 7480, 7481]);

const started = Date.now();
export const log = message =>
  console.log(`[consumer ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** A failed check: its message is the report, no stack trace needed. */
export class CheckFailed extends Error {}

/**
 * Child processes get no npm_* variables: under `npm run`, npm_config_local_prefix
 * would make `npm install` in the scratch project install into the repo.
 */
export const childEnv = extra => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
  ...extra,
});

export const lastLines = (text, count = 40) => text.trim().split('\n').slice(-count).join('\n');

/** Runs a command to completion and returns its stdout; fails with its output on a non-zero exit. */
export function run(command, args, { cwd = repo, env, what = `${command} ${args.join(' ')}` } = {}) {
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

export async function freePorts(count) {
  const ports = new Set();
  while (ports.size < count) {
    const port = await freePort();
    if (!busyPorts.has(port)) ports.add(port);
  }
  return [...ports];
}

/** Process groups of the simulator and backend, killed on Ctrl-C too. */
export const running = new Set();
export const killGroup = (pid, signal) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
};

/** Starts a long-running process in its own process group, keeping the tail of its output. */
export function startProcess(label, command, args, options) {
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
export async function waitFor(what, probe, { seconds, process: watched }) {
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

export async function getJson(url, token) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}
