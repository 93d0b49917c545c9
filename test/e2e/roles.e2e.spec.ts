import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import {
  addMember,
  createProject,
  inviteByEmail,
  registerAccount,
  uniqueEmail,
  type Account,
  type ProjectInfo,
} from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { startConversation } from '../factories/widget';
import { holdRowLock, waitForLockWaiters } from '../support/db';
import { expectError } from '../support/expect-error';
import type { HttpClient } from '../support/http';
import { usesPostgres, type TestApp } from '../support/test-app';

describe('team roles and invitations', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let admin: Account;
  let agent: Account;
  let project: ProjectInfo;

  const roleOf = async (account: Account, teamId = owner.teamId) => {
    const res = await api.get(`/api/v1/teams/${teamId}/members`, { token: owner.token });
    return res.body.data.find((m: { userId: string }) => m.userId === account.userId)?.role;
  };

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject({ owner: 'Owner', project: { name: 'Shop' } }));
    admin = await registerAccount(api, 'Admin');
    agent = await registerAccount(api, 'Agent');
  });
  after(() => t.close());

  it('invites by email; only the addressee can accept, once', async () => {
    const agentToken = await inviteByEmail(api, owner, agent.email.toUpperCase(), 'agent');
    const pending = await api.get(`/api/v1/teams/${owner.teamId}/invitations`, { token: owner.token });
    expect(pending.body.data).toEqual([
      expect.objectContaining({ teamId: owner.teamId, email: agent.email, role: 'agent' }),
    ]);
    expect(JSON.stringify(pending.body)).not.toContain(agentToken);

    expectError(
      await api.post('/api/v1/invitations/accept', { token: admin.token, body: { token: agentToken } }),
      403,
      'INVITATION_EMAIL_MISMATCH',
    );
    expect(await roleOf(admin)).toBeUndefined();

    const accepted = await api.post('/api/v1/invitations/accept', {
      token: agent.token,
      body: { token: agentToken },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ id: owner.teamId, role: 'agent' });
    expectError(
      await api.post('/api/v1/invitations/accept', { token: agent.token, body: { token: agentToken } }),
      404,
      'INVITATION_NOT_FOUND',
    );
    expectError(
      await api.post('/api/v1/invitations/accept', { token: agent.token, body: { token: 'inv_bogus' } }),
      404,
      'INVITATION_NOT_FOUND',
    );
    expectError(
      await api.post(`/api/v1/teams/${owner.teamId}/invitations`, {
        token: owner.token,
        body: { email: agent.email, role: 'admin' },
      }),
      409,
      'ALREADY_MEMBER',
    );

    await addMember(api, owner, admin, 'admin');
    expect(await roleOf(agent)).toBe('agent');
    expect(await roleOf(admin)).toBe('admin');
    const after_ = await api.get(`/api/v1/teams/${owner.teamId}/invitations`, { token: owner.token });
    expect(after_.body.data).toEqual([]);
  });

  it(
    'refuses a role change whose permission check a concurrent change made stale',
    { skip: !usesPostgres() },
    async () => {
      // A team of its own, so the other tests' memberships stay as they expect.
      const boss = await registerAccount(api, 'Boss');
      const member = await registerAccount(api, 'Rising');
      const deputy = await registerAccount(api, 'Deputy');
      await addMember(api, boss, member, 'agent');
      await addMember(api, boss, deputy, 'admin');
      const base = `/api/v1/teams/${boss.teamId}/members`;
      // The admin's change passes its check (the member is an agent), then waits on the member's row
      // while an owner makes the member an owner: the admin must not then overwrite an owner's role.
      const held = await holdRowLock(
        t,
        'select 1 from team_members where team_id = $1 and user_id = $2 for update',
        [boss.teamId, member.userId],
      );
      const demoting = api.patch(`${base}/${member.userId}`, {
        token: deputy.token,
        body: { role: 'admin' },
      });
      await waitForLockWaiters(t.database.db, 1);
      await held.query(`update team_members set role = 'owner' where team_id = $1 and user_id = $2`, [
        boss.teamId,
        member.userId,
      ]);
      await held.release();
      expectError(await demoting, 409, 'CONFLICT');
      const members = (await api.get(base, { token: boss.token })).body.data;
      expect(members.find((m: { userId: string }) => m.userId === member.userId).role).toBe('owner');
    },
  );

  it('lets an agent see the team and its projects but change nothing', async () => {
    const base = `/api/v1/teams/${owner.teamId}`;
    expect((await api.get(base, { token: agent.token })).body.data.role).toBe('agent');
    expect((await api.get(`${base}/members`, { token: agent.token })).body.data).toHaveLength(3);
    const seen = await api.get(`/api/v1/projects/${project.id}`, { token: agent.token });
    expect(seen.status).toBe(200);
    expect(seen.body.data.publicKey).toBe(project.publicKey);
    expect(seen.body.data).not.toHaveProperty('secret');

    const forbidden: Array<[keyof HttpClient, string, unknown?]> = [
      ['post', '/api/v1/projects', { teamId: owner.teamId, name: 'Agent project' }],
      ['patch', `/api/v1/projects/${project.id}`, { name: 'Renamed by agent' }],
      ['delete', `/api/v1/projects/${project.id}`],
      ['post', `/api/v1/projects/${project.id}/rotate-key`],
      ['post', `/api/v1/projects/${project.id}/rotate-secret`],
      ['patch', base, { name: 'Agent team' }],
      ['post', `${base}/invitations`, { email: uniqueEmail(), role: 'agent' }],
      ['get', `${base}/invitations`],
      ['patch', `${base}/members/${admin.userId}`, { role: 'agent' }],
      ['patch', `${base}/members/${agent.userId}`, { role: 'admin' }],
      ['delete', `${base}/members/${admin.userId}`],
    ];
    for (const [method, path, body] of forbidden) {
      const res = await (api[method] as HttpClient['post'])(path, { token: agent.token, body });
      expectError(res, 403, 'INSUFFICIENT_ROLE');
    }
    const unchanged = await api.get(`/api/v1/projects/${project.id}`, { token: owner.token });
    expect(unchanged.body.data).toMatchObject({ name: 'Shop', publicKey: project.publicKey });
    expect(await roleOf(admin)).toBe('admin');
    expect(await roleOf(agent)).toBe('agent');
  });

  it('lets an admin manage projects and agents but not owners', async () => {
    const created = await createProject(api, admin, { teamId: owner.teamId, name: 'Admin project' });
    expect(created.secret).toMatch(/^sk_/);
    const patched = await api.patch(`/api/v1/projects/${created.id}`, {
      token: admin.token,
      body: { name: 'Renamed' },
    });
    expect(patched.body.data.name).toBe('Renamed');
    expect((await api.delete(`/api/v1/projects/${created.id}`, { token: admin.token })).status).toBe(204);
    expectError(
      await api.get(`/api/v1/projects/${created.id}`, { token: owner.token }),
      404,
      'PROJECT_NOT_FOUND',
    );

    const base = `/api/v1/teams/${owner.teamId}`;
    expectError(
      await api.post(`${base}/invitations`, {
        token: admin.token,
        body: { email: uniqueEmail(), role: 'owner' },
      }),
      403,
      'INSUFFICIENT_ROLE',
    );
    expectError(
      await api.patch(`${base}/members/${owner.userId}`, { token: admin.token, body: { role: 'agent' } }),
      403,
      'INSUFFICIENT_ROLE',
    );
    expectError(
      await api.patch(`${base}/members/${admin.userId}`, { token: admin.token, body: { role: 'owner' } }),
      403,
      'INSUFFICIENT_ROLE',
    );
    expectError(
      await api.delete(`${base}/members/${owner.userId}`, { token: admin.token }),
      403,
      'INSUFFICIENT_ROLE',
    );
    expect(await roleOf(owner)).toBe('owner');

    const promoted = await api.patch(`${base}/members/${agent.userId}`, {
      token: admin.token,
      body: { role: 'admin' },
    });
    expect(promoted.body.data).toMatchObject({ userId: agent.userId, role: 'admin', email: agent.email });
    const demoted = await api.patch(`${base}/members/${agent.userId}`, {
      token: admin.token,
      body: { role: 'agent' },
    });
    expect(demoted.body.data.role).toBe('agent');
    expect(
      (await api.patch(base, { token: admin.token, body: { name: 'Renamed team' } })).body.data.name,
    ).toBe('Renamed team');
  });

  it('never leaves a team without an owner', async () => {
    const base = `/api/v1/teams/${owner.teamId}`;
    expectError(
      await api.patch(`${base}/members/${owner.userId}`, { token: owner.token, body: { role: 'admin' } }),
      409,
      'LAST_OWNER',
    );
    expectError(
      await api.delete(`${base}/members/${owner.userId}`, { token: owner.token }),
      409,
      'LAST_OWNER',
    );
    expect(await roleOf(owner)).toBe('owner');

    // With a second owner, the first may step down.
    await api.patch(`${base}/members/${admin.userId}`, { token: owner.token, body: { role: 'owner' } });
    const stepDown = await api.patch(`${base}/members/${owner.userId}`, {
      token: owner.token,
      body: { role: 'admin' },
    });
    expect(stepDown.body.data.role).toBe('admin');
    expectError(
      await api.patch(`${base}/members/${admin.userId}`, { token: owner.token, body: { role: 'agent' } }),
      403,
      'INSUFFICIENT_ROLE',
    );
    await api.patch(`${base}/members/${owner.userId}`, { token: admin.token, body: { role: 'owner' } });
    expect(await roleOf(owner)).toBe('owner');
  });

  it('lets a member leave, after which the team is gone for them', async () => {
    const base = `/api/v1/teams/${owner.teamId}`;
    expect((await api.delete(`${base}/members/${agent.userId}`, { token: agent.token })).status).toBe(204);
    expectError(await api.get(base, { token: agent.token }), 404, 'TEAM_NOT_FOUND');
    expectError(
      await api.get(`/api/v1/projects/${project.id}`, { token: agent.token }),
      404,
      'PROJECT_NOT_FOUND',
    );
    expect(await roleOf(agent)).toBeUndefined();
    expectError(
      await api.delete(`${base}/members/${agent.userId}`, { token: owner.token }),
      404,
      'MEMBER_NOT_FOUND',
    );
  });

  it('lets an owner remove members and revoke invitations', async () => {
    const base = `/api/v1/teams/${owner.teamId}`;
    await addMember(api, owner, agent, 'agent');
    const { conversationId } = await startConversation(api, project);
    const assign = await api.patch(`/api/v1/conversations/${conversationId}`, {
      token: owner.token,
      body: { assigneeId: agent.userId },
    });
    expect(assign.body.data.assigneeId).toBe(agent.userId);
    expect((await api.delete(`${base}/members/${agent.userId}`, { token: owner.token })).status).toBe(204);
    expect(await roleOf(agent)).toBeUndefined();
    const unassigned = await api.get(`/api/v1/conversations/${conversationId}`, { token: owner.token });
    expect(unassigned.body.data.assigneeId).toBeNull();

    const token = await inviteByEmail(api, owner, agent.email, 'agent');
    const [invitation] = (await api.get(`${base}/invitations`, { token: owner.token })).body.data;
    expect((await api.delete(`${base}/invitations/${invitation.id}`, { token: owner.token })).status).toBe(
      204,
    );
    expectError(
      await api.post('/api/v1/invitations/accept', { token: agent.token, body: { token } }),
      404,
      'INVITATION_NOT_FOUND',
    );
  });
});
