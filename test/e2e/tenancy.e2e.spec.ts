import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import {
  createProject,
  inviteByEmail,
  registerAccount,
  registerMember,
  uniqueEmail,
  type Account,
  type ProjectInfo,
} from '../factories/accounts';
import { expectError } from '../support/expect-error';
import { httpClient, type HttpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

interface Probe {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  body?: unknown;
  code: string;
}

// A caller from team A who names team B's resources must learn nothing, not even that they exist.
describe('tenant isolation', () => {
  let t: TestApp;
  let api: HttpClient;
  let a: Account;
  let b: Account;
  let bAgent: Account;
  let bProject: ProjectInfo;
  let bInvitationId: string;
  let before_: { team: unknown; members: unknown; invitations: unknown; project: unknown; projects: unknown };

  const snapshotOfB = async () => ({
    team: (await api.get(`/api/v1/teams/${b.teamId}`, { token: b.token })).body,
    members: (await api.get(`/api/v1/teams/${b.teamId}/members`, { token: b.token })).body,
    invitations: (await api.get(`/api/v1/teams/${b.teamId}/invitations`, { token: b.token })).body,
    project: (await api.get(`/api/v1/projects/${bProject.id}`, { token: b.token })).body,
    projects: (await api.get('/api/v1/projects', { token: b.token })).body,
  });

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
    a = await registerAccount(api, 'Alice');
    b = await registerAccount(api, 'Bob');
    bAgent = await registerMember(api, b, 'Bagent', 'agent');
    await createProject(api, a, { name: 'Alice site' });
    bProject = await createProject(api, b, { name: 'Bob site', allowedOrigins: ['https://bob.example'] });
    await inviteByEmail(api, b, uniqueEmail('pending'), 'agent');
    const invitations = await api.get(`/api/v1/teams/${b.teamId}/invitations`, { token: b.token });
    bInvitationId = invitations.body.data[0].id;
    before_ = await snapshotOfB();
  });
  after(() => t.close());

  const probes = (): Probe[] => [
    { method: 'get', path: `/api/v1/teams/${b.teamId}`, code: 'TEAM_NOT_FOUND' },
    {
      method: 'patch',
      path: `/api/v1/teams/${b.teamId}`,
      body: { name: 'Hijacked' },
      code: 'TEAM_NOT_FOUND',
    },
    { method: 'get', path: `/api/v1/teams/${b.teamId}/members`, code: 'TEAM_NOT_FOUND' },
    {
      method: 'patch',
      path: `/api/v1/teams/${b.teamId}/members/${bAgent.userId}`,
      body: { role: 'owner' },
      code: 'TEAM_NOT_FOUND',
    },
    { method: 'delete', path: `/api/v1/teams/${b.teamId}/members/${bAgent.userId}`, code: 'TEAM_NOT_FOUND' },
    { method: 'delete', path: `/api/v1/teams/${b.teamId}/members/${b.userId}`, code: 'TEAM_NOT_FOUND' },
    {
      method: 'post',
      path: `/api/v1/teams/${b.teamId}/invitations`,
      body: { email: a.email, role: 'owner' },
      code: 'TEAM_NOT_FOUND',
    },
    { method: 'get', path: `/api/v1/teams/${b.teamId}/invitations`, code: 'TEAM_NOT_FOUND' },
    {
      method: 'delete',
      path: `/api/v1/teams/${b.teamId}/invitations/${bInvitationId}`,
      code: 'TEAM_NOT_FOUND',
    },
    // B's ids under A's own team.
    {
      method: 'patch',
      path: `/api/v1/teams/${a.teamId}/members/${bAgent.userId}`,
      body: { role: 'admin' },
      code: 'MEMBER_NOT_FOUND',
    },
    {
      method: 'delete',
      path: `/api/v1/teams/${a.teamId}/members/${bAgent.userId}`,
      code: 'MEMBER_NOT_FOUND',
    },
    {
      method: 'delete',
      path: `/api/v1/teams/${a.teamId}/invitations/${bInvitationId}`,
      code: 'INVITATION_NOT_FOUND',
    },
    { method: 'get', path: `/api/v1/projects/${bProject.id}`, code: 'PROJECT_NOT_FOUND' },
    {
      method: 'patch',
      path: `/api/v1/projects/${bProject.id}`,
      body: { name: 'Mine' },
      code: 'PROJECT_NOT_FOUND',
    },
    { method: 'delete', path: `/api/v1/projects/${bProject.id}`, code: 'PROJECT_NOT_FOUND' },
    { method: 'post', path: `/api/v1/projects/${bProject.id}/rotate-key`, code: 'PROJECT_NOT_FOUND' },
    { method: 'post', path: `/api/v1/projects/${bProject.id}/rotate-secret`, code: 'PROJECT_NOT_FOUND' },
    {
      method: 'post',
      path: '/api/v1/projects',
      body: { teamId: b.teamId, name: 'Intruder' },
      code: 'TEAM_NOT_FOUND',
    },
    { method: 'get', path: `/api/v1/projects?teamId=${b.teamId}`, code: 'TEAM_NOT_FOUND' },
  ];

  it("answers 404 with no data on every route for team B's ids, and changes nothing", async () => {
    const leaks = [b.email, bAgent.email, 'Bob site', bProject.publicKey, bProject.secret, "Bob's team"];
    for (const probe of probes()) {
      const res = await api[probe.method](probe.path, { token: a.token, body: probe.body });
      expectError(res, 404, probe.code);
      const text = JSON.stringify(res.body);
      for (const secret of leaks)
        expect({ probe: probe.path, leaked: text.includes(secret) }).toEqual({
          probe: probe.path,
          leaked: false,
        });
    }
    expect(await snapshotOfB()).toEqual(before_);
  });

  it("answers exactly as for ids that do not exist, so B's ids cannot be discovered", async () => {
    const missing = randomUUID();
    const pairs: Array<[string, string]> = [
      [`/api/v1/teams/${b.teamId}`, `/api/v1/teams/${missing}`],
      [`/api/v1/projects/${bProject.id}`, `/api/v1/projects/${missing}`],
    ];
    for (const [real, fake] of pairs) {
      const [r, f] = await Promise.all([real, fake].map((p) => api.get(p, { token: a.token })));
      expect(r.body.error).toEqual(f.body.error);
    }
  });

  it("keeps B's teams and projects out of A's lists", async () => {
    const teams = await api.get('/api/v1/teams', { token: a.token });
    expect(teams.body.data.map((x: { id: string }) => x.id)).toEqual([a.teamId]);
    const projects = await api.get('/api/v1/projects', { token: a.token });
    expect(projects.body.data.map((p: { name: string }) => p.name)).toEqual(['Alice site']);
    expect(projects.body.data.every((p: { teamId: string }) => p.teamId === a.teamId)).toBe(true);
  });

  it('does not let A accept an invitation addressed to someone else', async () => {
    const token = await inviteByEmail(api, b, uniqueEmail('carol'), 'admin');
    const res = await api.post('/api/v1/invitations/accept', { token: a.token, body: { token } });
    expectError(res, 403, 'INVITATION_EMAIL_MISMATCH');
    expectError(await api.get(`/api/v1/teams/${b.teamId}`, { token: a.token }), 404, 'TEAM_NOT_FOUND');
  });

  it('rejects ids that are not UUIDs with 400 before any query', async () => {
    for (const path of [
      '/api/v1/teams/not-a-uuid',
      "/api/v1/projects/1' or '1'='1",
      '/api/v1/projects/123',
    ]) {
      expectError(await api.get(encodeURI(path), { token: a.token }), 400, 'INVALID_ID');
    }
    expectError(
      await api.delete(`/api/v1/teams/${a.teamId}/members/nope`, { token: a.token }),
      400,
      'INVALID_ID',
    );
    expectError(await api.get('/api/v1/projects?teamId=nope', { token: a.token }), 400, 'VALIDATION_FAILED');
  });
});
