import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { HIGH_RATE_LIMITS } from '../../support/test-env';
import { freePort, onExitCleanup, waitUntil } from './processes';

const ROOT = resolve(__dirname, '../../..');
const MAIN = resolve(ROOT, 'dist/main.js');

/** What a production node of the fault suite runs with, before the test's own variables. */
export const SERVER_ENV: Record<string, string> = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  JWT_SECRET: 'fault-suite-secret-that-is-long-enough-000000',
  DATA_DIR: 'memory://',
  ...HIGH_RATE_LIMITS,
};

export interface ExitState {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A real server process (`node dist/main.js`). */
export interface ServerProcess {
  pid: number;
  port: number;
  url: string;
  /** Everything it wrote so far, stdout and stderr interleaved as received. */
  output(): string;
  /** Set once it exited. */
  exit(): ExitState | undefined;
  alive(): boolean;
  /** Resolves when it exits (at once if it has). */
  exited(): Promise<ExitState>;
  /** SIGKILL, and waits for the exit. */
  kill9(): Promise<ExitState>;
  /** SIGTERM (graceful shutdown); SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<ExitState>;
}

export interface StartServerOptions {
  /** Environment on top of SERVER_ENV (DATABASE_URL, REDIS_URL, MIGRATE_ON_BOOT, …). */
  env: Record<string, string>;
  /** How long to wait for /health to answer 200. */
  readyTimeoutMs?: number;
}

/** Spawns `node dist/main.js` on a free port and waits for /health 200. Needs `npm run build` first. */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the fault suite`);
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...SERVER_ENV, ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exit: ExitState | undefined;
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitedPromise = new Promise<ExitState>((done) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      done(exit);
    }),
  );
  const forget = onExitCleanup(() => child.kill('SIGKILL'));
  void exitedPromise.then(forget);

  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    pid: child.pid!,
    port,
    url,
    output: () => output,
    exit: () => exit,
    alive: () => exit === undefined,
    exited: () => exitedPromise,
    async kill9() {
      if (!exit) child.kill('SIGKILL');
      return exitedPromise;
    },
    async stop(graceMs = 10_000) {
      if (!exit) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const state = await exitedPromise;
      clearTimeout(timer);
      return state;
    },
  };
  try {
    await waitUntil(
      `${url}/health`,
      async () => {
        if (exit) return true;
        const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
        return res.status === 200;
      },
      options.readyTimeoutMs ?? 30_000,
      100,
    );
    if (exit) throw new Error(`the server exited (${JSON.stringify(exit)}) before it was ready:\n${output}`);
  } catch (err) {
    await server.kill9();
    throw err;
  }
  return server;
}
