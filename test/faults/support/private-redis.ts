import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort, onExitCleanup, waitUntil } from './processes';

/** A redis-server of the test's own on a free port, without persistence; stop() and start() again on the same port. */
export interface PrivateRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  /** SIGKILL: connections drop at once, as in a crash or a network cut. */
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const forget = onExitCleanup(() => child?.kill('SIGKILL'));

  const redis: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (child) return;
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      const started = child;
      started.once('exit', () => {
        if (child === started) child = undefined;
      });
      await waitUntil('the private Redis to answer PING', () => ping(port), 10_000);
    },
    async stop() {
      const running = child;
      if (!running) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    async cleanup() {
      await redis.stop();
      forget();
    },
  };
  await redis.start();
  return redis;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
