import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount } from '../factories/accounts';
import { httpClient } from '../support/http';
import {
  freePort,
  spawnServer,
  stopServer,
  waitForHealth,
  type ServerProcess,
} from '../support/server-process';

/** `npm run dev` without the watcher: the real entry point, no DATABASE_URL, data on disk. */
const startServer = (port: number, dataDir: string): ServerProcess =>
  spawnServer({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

describe('embedded default (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spectre-embedded-'));
  const children: ServerProcess[] = [];
  after(async () => {
    await Promise.all(children.map(stopServer));
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
    expect(await stopServer(first)).toBe(0); // a graceful shutdown exits cleanly

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
