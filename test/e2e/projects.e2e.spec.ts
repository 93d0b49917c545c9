import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, type Account, type ProjectInfo } from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { expectError } from '../support/expect-error';
import type { HttpClient } from '../support/http';
import type { TestApp } from '../support/test-app';

describe('projects', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject({
      owner: 'Owner',
      project: {
        name: 'Shop',
        allowedOrigins: ['https://Shop.Example.com:443/', 'http://localhost:5173', 'https://*.example.org'],
        settings: { name: 'Support', greeting: 'Hi there', color: '#1f6feb' },
      },
    }));
  });
  after(() => t.close());

  it('creates a project with a public key, normalised origins and settings', async () => {
    const res = await api.get(`/api/v1/projects/${project.id}`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      id: project.id,
      teamId: owner.teamId,
      name: 'Shop',
      publicKey: project.publicKey,
      allowedOrigins: ['https://shop.example.com', 'http://localhost:5173', 'https://*.example.org'],
      settings: { name: 'Support', greeting: 'Hi there', color: '#1f6feb' },
      requireIdentityVerification: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(project.publicKey).toMatch(/^pk_/);
    expect(project.secret).toMatch(/^sk_/);
  });

  it('shows the secret only on create and rotate-secret', async () => {
    const views = [
      await api.get(`/api/v1/projects/${project.id}`, { token: owner.token }),
      await api.get('/api/v1/projects', { token: owner.token }),
      await api.get(`/api/v1/projects?teamId=${owner.teamId}`, { token: owner.token }),
      await api.patch(`/api/v1/projects/${project.id}`, { token: owner.token, body: { name: 'Shop' } }),
      await api.post(`/api/v1/projects/${project.id}/rotate-key`, { token: owner.token }),
    ];
    for (const view of views) {
      expect(view.status).toBe(200);
      expect(JSON.stringify(view.body)).not.toMatch(/"secret"|sk_/);
    }
    const rotated = await api.post(`/api/v1/projects/${project.id}/rotate-secret`, { token: owner.token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.secret).toMatch(/^sk_/);
    expect(rotated.body.data.secret).not.toBe(project.secret);
    project.secret = rotated.body.data.secret;
  });

  it('rotate-key issues a new public key and keeps everything else', async () => {
    const before_ = (await api.get(`/api/v1/projects/${project.id}`, { token: owner.token })).body.data;
    const rotated = await api.post(`/api/v1/projects/${project.id}/rotate-key`, { token: owner.token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.publicKey).toMatch(/^pk_/);
    expect(rotated.body.data.publicKey).not.toBe(before_.publicKey);
    expect(rotated.body.data).toMatchObject({
      id: project.id,
      name: before_.name,
      settings: before_.settings,
    });
    const after_ = await api.get(`/api/v1/projects/${project.id}`, { token: owner.token });
    expect(after_.body.data.publicKey).toBe(rotated.body.data.publicKey);
  });

  it('merges widget settings on update and replaces origins', async () => {
    const res = await api.patch(`/api/v1/projects/${project.id}`, {
      token: owner.token,
      body: { settings: { greeting: 'Hello!' }, allowedOrigins: ['https://new.example'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.settings).toEqual({ name: 'Support', greeting: 'Hello!', color: '#1f6feb' });
    expect(res.body.data.allowedOrigins).toEqual(['https://new.example']);
    expect(Date.parse(res.body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.data.createdAt));
  });

  it('keeps both of two concurrent settings patches', async () => {
    const patch = (settings: Record<string, string>) =>
      api.patch(`/api/v1/projects/${project.id}`, { token: owner.token, body: { settings } });
    const results = await Promise.all([patch({ greeting: 'Howdy' }), patch({ color: '#00aa00' })]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const res = await api.get(`/api/v1/projects/${project.id}`, { token: owner.token });
    expect(res.body.data.settings).toEqual({ name: 'Support', greeting: 'Howdy', color: '#00aa00' });
  });

  const invalidCreates: Array<[string, Record<string, unknown>]> = [
    ['no name', {}],
    ['a blank name', { name: '  ' }],
    ['an origin with a path', { name: 'x', allowedOrigins: ['https://a.example/path'] }],
    ['a non-http origin', { name: 'x', allowedOrigins: ['ftp://a.example'] }],
    ['a wildcard over a whole top-level domain', { name: 'x', allowedOrigins: ['https://*.com'] }],
    ['a wildcard in the middle', { name: 'x', allowedOrigins: ['https://a.*.example.com'] }],
    ['a bad colour', { name: 'x', settings: { color: 'blue' } }],
    ['an unknown setting', { name: 'x', settings: { font: 'Comic Sans' } }],
    ['a NUL in the greeting', { name: 'x', settings: { greeting: 'hi\u0000' } }],
    ['an unknown field', { name: 'x', secret: 'sk_mine' }],
    ['a non-boolean flag', { name: 'x', requireIdentityVerification: 'yes' }],
    ['a bad team id', { name: 'x', teamId: 'team-1' }],
  ];
  for (const [what, body] of invalidCreates) {
    it(`rejects a project with ${what}`, async () => {
      const res = await api.post('/api/v1/projects', {
        token: owner.token,
        body: { teamId: owner.teamId, ...body },
      });
      expectError(res, 400, 'VALIDATION_FAILED');
    });
  }

  it('rejects an empty or invalid update and leaves the project as it was', async () => {
    const before_ = (await api.get(`/api/v1/projects/${project.id}`, { token: owner.token })).body.data;
    for (const body of [
      {},
      { name: '' },
      { teamId: owner.teamId },
      { allowedOrigins: 'https://a.example' },
    ]) {
      const res = await api.patch(`/api/v1/projects/${project.id}`, { token: owner.token, body });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    expect((await api.get(`/api/v1/projects/${project.id}`, { token: owner.token })).body.data).toEqual(
      before_,
    );
  });

  it('deletes a project', async () => {
    const doomed = await createProject(api, owner, { name: 'Doomed' });
    expect((await api.delete(`/api/v1/projects/${doomed.id}`, { token: owner.token })).status).toBe(204);
    expectError(
      await api.get(`/api/v1/projects/${doomed.id}`, { token: owner.token }),
      404,
      'PROJECT_NOT_FOUND',
    );
    expectError(
      await api.delete(`/api/v1/projects/${doomed.id}`, { token: owner.token }),
      404,
      'PROJECT_NOT_FOUND',
    );
    const list = await api.get('/api/v1/projects', { token: owner.token });
    expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([project.id]);
  });

  it('creates and renames extra teams; projects can live in either', async () => {
    const team = await api.post('/api/v1/teams', { token: owner.token, body: { name: '  Second  ' } });
    expect(team.status).toBe(201);
    expect(team.body.data).toMatchObject({ name: 'Second', role: 'owner' });
    const renamed = await api.patch(`/api/v1/teams/${team.body.data.id}`, {
      token: owner.token,
      body: { name: 'Renamed' },
    });
    expect(renamed.body.data.name).toBe('Renamed');
    const second = await createProject(api, owner, { teamId: team.body.data.id, name: 'Other' });
    const filtered = await api.get(`/api/v1/projects?teamId=${team.body.data.id}`, { token: owner.token });
    expect(filtered.body.data.map((p: { id: string }) => p.id)).toEqual([second.id]);
    const all = await api.get('/api/v1/projects', { token: owner.token });
    expect(all.body.data).toHaveLength(2);
    for (const body of [
      { name: '' },
      { name: 'x'.repeat(101) },
      { name: 'a\u0000' },
      { name: 'ok', extra: 1 },
    ]) {
      expectError(await api.post('/api/v1/teams', { token: owner.token, body }), 400, 'VALIDATION_FAILED');
    }
  });
});
