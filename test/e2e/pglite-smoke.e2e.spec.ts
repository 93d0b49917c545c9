import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount } from '../factories/accounts';
import { httpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

// The embedded default: no DATABASE_URL, PGlite in memory, same migrations.
describe('embedded PGlite database', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({}, { driver: 'pglite' });
  });
  after(() => t.close());

  it('boots, reports a healthy database and creates a project', async () => {
    expect(t.database.driver).toBe('pglite');
    const api = httpClient(t.url);
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.data.info.database).toEqual({ status: 'up', driver: 'pglite' });

    const owner = await registerAccount(api);
    const project = await createProject(api, owner);
    expect(project.publicKey).toMatch(/^pk_/);
    const list = await api.get('/api/v1/projects', { token: owner.token });
    expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([project.id]);
  });
});
