import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { request } from './http';
import { log, sleep } from './util';

export const ROOT = resolve(__dirname, '../..');

/** Every child this process started; killed on exit, also on failure. */
const children = new Set<ChildProcess>();

/** Puts a child this process started elsewhere (e.g. a load-generator worker) under the same kill-on-exit. */
function adoptChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

export function killAllChildren(): void {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  children.clear();
}

/** Forks a TypeScript module of bench/ with an IPC channel (a load generator); killed on exit like the rest. */
export function forkBenchChild(modulePath: string, name: string): ChildProcess {
  const child = fork(resolve(ROOT, modulePath), [], {
    cwd: ROOT,
    execArgv: ['--require', '@swc-node/register', '--max-semi-space-size=32'],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  adoptChild(child);
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      process.stderr.write(`  [${name}] ${line}\n`);
  });
  return child;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

export function buildServer(): void {
  log('npm run build');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0)
    throw new Error(`npm run build failed (exit ${r.status}); fix the build or pass --no-build`);
  if (!existsSync(resolve(ROOT, 'dist/main.js'))) throw new Error('dist/main.js missing after build');
}

export interface RunningProcess {
  name: string;
  pid: number;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export const JWT_SECRET = randomBytes(32).toString('base64url');

/** Starts a node process listening on 127.0.0.1:<port> and waits for GET <healthPath> to answer 200. */
export async function startProcess(opts: {
  name: string;
  args: string[];
  env: Record<string, string>;
  healthPath: string;
  port?: number;
  timeoutMs?: number;
  cwd?: string;
}): Promise<RunningProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, opts.args, {
    cwd: opts.cwd ?? ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...opts.env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 50) tail.shift();
      process.stderr.write(`  [${opts.name}] ${line}\n`);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) {
      children.delete(child);
      throw new Error(`${opts.name} exited with ${child.exitCode} before it was ready:\n${tail.join('\n')}`);
    }
    const ok = await request('GET', `${url}${opts.healthPath}`, { timeoutMs: 1000 })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      children.delete(child);
      throw new Error(`${opts.name} not ready within ${opts.timeoutMs ?? 30_000} ms:\n${tail.join('\n')}`);
    }
    await sleep(200);
  }
  log(`${opts.name} ready on ${url} (pid ${child.pid})`);
  return {
    name: opts.name,
    pid: child.pid!,
    port,
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      children.delete(child);
    },
  };
}

/** The Spectre server from dist/, in the production configuration the benchmarks target. */
export function startServer(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<RunningProcess> {
  const profile = process.env.BENCH_CPU_PROF === '1';
  return startProcess({
    name: 'server',
    // Another checkout's build (BENCH_SERVER_ROOT=/path/to/worktree), to compare commits in one run.
    cwd: process.env.BENCH_SERVER_ROOT,
    args: [
      // As `npm run start:prod` runs it (a larger young generation: fewer scavenges under load).
      '--max-semi-space-size=64',
      ...(profile ? ['--require', '@swc-node/register', '--require', './bench/lib/cpu-profile.ts'] : []),
      ...nodeArgs,
      'dist/main.js',
    ],
    healthPath: '/health',
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET,
      DATABASE_URL: databaseUrl,
      RATE_LIMIT_ENABLED: 'false',
      ...(process.env.BENCH_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE } : {}),
      ...extraEnv,
    },
  });
}

/** The floor: bench/baseline/server.ts (Fastify + node-postgres, one INSERT ... RETURNING per send). */
export function startBaseline(
  databaseUrl: string,
  poolSize: number,
  sql: 'insert' | 'append' = 'insert',
): Promise<RunningProcess> {
  return startProcess({
    name: 'baseline',
    args: [
      '--require',
      '@swc-node/register',
      ...(process.env.BENCH_CPU_PROF === '1' ? ['--require', './bench/lib/cpu-profile.ts'] : []),
      'bench/baseline/server.ts',
    ],
    healthPath: '/health',
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      POOL_SIZE: String(poolSize),
      BASELINE_SQL: sql,
    },
  });
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Starts counting the CPU of the given PostgreSQL backends; the returned function gives the ms they
 * have used since (a backend that ended meanwhile is left out, one still running counts in full).
 */
export function backendsCpuMeter(pids: number[]): () => number {
  const read = () => {
    const out = new Map<number, number>();
    for (const pid of pids) {
      try {
        out.set(pid, cpuTimeMs(pid));
      } catch {
        // the backend ended meanwhile
      }
    }
    return out;
  };
  const start = read();
  return () => {
    let ms = 0;
    for (const [pid, now] of read()) ms += now - (start.get(pid) ?? now);
    return ms;
  };
}

/** Read and write system calls a process has made so far (/proc/<pid>/io: syscr, syscw). */
export function syscallCounts(pid: number): { reads: number; writes: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(io)?.[1] ?? NaN);
  return { reads: field('syscr'), writes: field('syscw') };
}
