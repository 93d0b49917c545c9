import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** A port that was free a moment ago (the OS picks it; a race with another binder is unlikely). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything written so far to stdout and stderr. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has exited. */
  exit: Promise<number | null>;
}

/**
 * The real entry point (`src/main.ts` through swc, so no build is needed) with only `env` and PATH in
 * its environment; its output is kept for the test to read.
 */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--require', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

export const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** A child server's boot (migrations on PGlite included) on a slow, shared 2-core machine. */
const BOOT_TIMEOUT_MS = 120_000;

export async function waitForHealth(url: string, server: ServerProcess): Promise<Response> {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(server.child)) {
      throw new Error(
        `server exited (${server.child.exitCode ?? server.child.signalCode}): ${server.stderr()}`,
      );
    }
    const res = await fetch(`${url}/health`).catch(() => undefined);
    if (res) return res;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`server did not answer within ${BOOT_TIMEOUT_MS / 1000} s`);
}

/** SIGTERM, then the exit code (null when killed by a signal rather than exiting). */
export async function stopServer(server: ServerProcess): Promise<number | null> {
  if (!exited(server.child)) server.child.kill('SIGTERM');
  return server.exit;
}
