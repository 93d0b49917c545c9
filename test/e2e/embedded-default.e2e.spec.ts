import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount } from '../factories/accounts';
import { httpClient } from '../support/http';

const ROOT = resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** `npm run dev` without the watcher: the real entry point, no DATABASE_URL, data on disk. */
function startServer(port: number, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--require', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<Response> {
  for (let i = 0; i < 300; i++) {
    if (exited(child)) throw new Error(`server exited (${child.exitCode ?? child.signalCode})`);
    const res = await fetch(`${url}/health`).catch(() => undefined);
    if (res) return res;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('server did not answer within 30 s');
}

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** SIGTERM, then the exit code (null when killed by a signal rather than exiting). */
function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (exited(child)) return done(child.exitCode);
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
  });
}

describe('embedded default (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spectre-embedded-'));
  const children: ChildProcess[] = [];
  after(async () => {
    await Promise.all(children.map(stop));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves on PGlite under DATA_DIR and keeps data and sessions across a restart', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const api = httpClient(url);

    const first = startServer(port, dataDir);
    children.push(first);
    const health = await waitForHealth(url, first);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { data: { info: { database: unknown } } }).data.info.database).toEqual({
      status: 'up',
      driver: 'pglite',
    });
    expect((await fetch(`${url}/docs-json`)).status).toBe(200);
    const owner = await registerAccount(api);
    const project = await createProject(api, owner);
    expect(await stop(first)).toBe(0); // a graceful shutdown exits cleanly

    const second = startServer(port, dataDir);
    children.push(second);
    await waitForHealth(url, second);
    const login = await api.post('/api/v1/auth/login', {
      body: { email: owner.email, password: owner.password },
    });
    expect(login.status).toBe(200);
    // Without JWT_SECRET the development secret is kept in DATA_DIR: tokens survive the restart.
    const me = await api.get('/api/v1/auth/me', { token: owner.token });
    expect(me.status).toBe(200);
    expect(existsSync(join(dataDir, 'dev-jwt-secret'))).toBe(true);
    const projects = await api.get('/api/v1/projects', { token: login.body.data.accessToken });
    expect(projects.body.data.map((p: { id: string }) => p.id)).toEqual([project.id]);
  });
});
