import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

const REDIS_SERVER = '/usr/bin/redis-server';

/** A Redis server of this test's own, on a free local port. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>`, for `backend.cache.connection`. */
  url: string;
  /** Sends one command and answers the first line of the reply, e.g. `:3` for `DBSIZE`. */
  command(...args: string[]): Promise<string>;
  /** Stops the server (nothing is saved) and waits for it to exit. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** One RESP command on a connection of its own: the first line of the reply. */
function sendCommand(port: number, args: string[]): Promise<string> {
  const body = `*${args.length}\r\n${args
    .map(arg => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`)
    .join('')}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    socket.setTimeout(2000, () => socket.destroy(new Error('no reply')));
    socket.once('error', reject);
    socket.on('data', data => {
      reply += data.toString('utf8');
      const end = reply.indexOf('\r\n');
      if (end >= 0) {
        socket.destroy();
        resolve(reply.slice(0, end));
      }
    });
    socket.write(body);
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => child.once('exit', () => resolve()));
}

/**
 * Starts Debian's `redis-server` on a free port, in memory only
 * (`--save '' --appendonly no`), and waits until it answers `PING`. Fails
 * with the install command when the binary is missing: the replica tests
 * prove the shared cache, and skipping them would prove nothing.
 */
export async function startRedisServer(): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `${REDIS_SERVER} is missing: the multi-replica tests need a real Redis. Install it with: apt-get install -y redis-server`,
    );
  }
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', data => {
    output += data;
  });
  child.stderr?.on('data', data => {
    output += data;
  });
  // A test run that dies halfway must not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    const gone = exited(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  };

  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      process.off('exit', killOnExit);
      throw new Error(`redis-server exited on start:\n${output}`);
    }
    try {
      if ((await sendCommand(port, ['PING'])) === '+PONG') break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`redis-server did not answer PING:\n${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    command: (...args) => sendCommand(port, args),
    stop,
  };
}
