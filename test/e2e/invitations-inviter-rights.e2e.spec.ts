import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import {
  inviteByEmail,
  registerAccount,
  registerMember,
  type Account,
  type TeamRole,
} from '../factories/accounts';
import { countRows, holdRowLock, waitForLockWaiters } from '../support/db';
import { expectError } from '../support/expect-error';
import { httpClient, type HttpClient } from '../support/http';
import { startTestApp, usesPostgres, type TestApp } from '../support/test-app';

/**
 * An invitation grants a role on its inviter's authority: once the inviter is removed or demoted
 * below what it grants, it must not work (security review, issue 18, finding 1).
 */
describe("invitations and their inviter's rights", () => {
  let t: TestApp;
  let api: HttpClient;

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
  });
  after(() => t.close());

  /** A team of its own (owner `boss`) with an admin `deputy`, and an address the deputy controls. */
  const teamWithDeputy = async (deputyRole: TeamRole = 'admin') => {
    const boss = await registerAccount(api, 'Boss');
    const deputy = await registerMember(api, boss, 'Deputy', deputyRole);
    const accomplice = await registerAccount(api, 'Accomplice');
    return { boss, deputy, accomplice };
  };

  const members = (owner: Account) => `/api/v1/teams/${owner.teamId}/members`;
  const accept = (invitee: Account, token: string) =>
    api.post('/api/v1/invitations/accept', { token: invitee.token, body: { token } });
  const pendingBy = (inviter: Account) =>
    countRows(t, 'invitations', `invited_by_id = '${inviter.userId}' and accepted_at is null`);
  const roleIn = async (owner: Account, account: Account): Promise<string | undefined> => {
    const res = await api.get(members(owner), { token: owner.token });
    return res.body.data.find((m: { userId: string }) => m.userId === account.userId)?.role;
  };

  it("deletes a removed admin's pending invitations with the removal", async () => {
    const { boss, deputy, accomplice } = await teamWithDeputy();
    const token = await inviteByEmail(api, deputy, accomplice.email, 'admin', boss.teamId);
    await inviteByEmail(api, boss, (await registerAccount(api, 'Other')).email, 'agent');
    expect((await api.delete(`${members(boss)}/${deputy.userId}`, { token: boss.token })).status).toBe(204);

    expect(await pendingBy(deputy)).toBe(0);
    expectError(await accept(accomplice, token), 404, 'INVITATION_NOT_FOUND');
    expect(await roleIn(boss, accomplice)).toBeUndefined();
    // Only the removed member's invitations go.
    expect(await pendingBy(boss)).toBe(1);
  });

  it('deletes the pending invitations of an admin who leaves', async () => {
    const { boss, deputy, accomplice } = await teamWithDeputy();
    const token = await inviteByEmail(api, deputy, accomplice.email, 'agent', boss.teamId);
    expect((await api.delete(`${members(boss)}/${deputy.userId}`, { token: deputy.token })).status).toBe(204);
    expect(await pendingBy(deputy)).toBe(0);
    expectError(await accept(accomplice, token), 404, 'INVITATION_NOT_FOUND');
  });

  it('deletes the pending invitations of an admin demoted to agent', async () => {
    const { boss, deputy, accomplice } = await teamWithDeputy();
    const token = await inviteByEmail(api, deputy, accomplice.email, 'admin', boss.teamId);
    const demoted = await api.patch(`${members(boss)}/${deputy.userId}`, {
      token: boss.token,
      body: { role: 'agent' },
    });
    expect(demoted.body.data.role).toBe('agent');

    expect(await pendingBy(deputy)).toBe(0);
    expectError(await accept(accomplice, token), 404, 'INVITATION_NOT_FOUND');
    expect(await roleIn(boss, accomplice)).toBeUndefined();
  });

  it("deletes a demoted owner's owner invitation and keeps their admin one", async () => {
    const { boss, deputy: coOwner, accomplice } = await teamWithDeputy('owner');
    const other = await registerAccount(api, 'Colleague');
    const ownerToken = await inviteByEmail(api, coOwner, accomplice.email, 'owner', boss.teamId);
    const adminToken = await inviteByEmail(api, coOwner, other.email, 'admin', boss.teamId);
    await api.patch(`${members(boss)}/${coOwner.userId}`, { token: boss.token, body: { role: 'admin' } });

    const pending = (await api.get(`/api/v1/teams/${boss.teamId}/invitations`, { token: boss.token })).body
      .data;
    expect(pending).toEqual([expect.objectContaining({ email: other.email, role: 'admin' })]);
    expectError(await accept(accomplice, ownerToken), 404, 'INVITATION_NOT_FOUND');
    expect(await roleIn(boss, accomplice)).toBeUndefined();
    const accepted = await accept(other, adminToken);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.role).toBe('admin');
  });

  it('keeps the invitations of an inviter who may still grant them', async () => {
    const { boss, deputy, accomplice } = await teamWithDeputy();
    const token = await inviteByEmail(api, deputy, accomplice.email, 'admin', boss.teamId);
    // A change that takes no right away (a promotion) leaves the invitations as they are.
    await api.patch(`${members(boss)}/${deputy.userId}`, { token: boss.token, body: { role: 'owner' } });
    expect(await pendingBy(deputy)).toBe(1);
    const accepted = await accept(accomplice, token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ id: boss.teamId, role: 'admin' });
    expect(await roleIn(boss, accomplice)).toBe('admin');
  });

  it('voids, at accept time, an invitation whose inviter lost the right without it being deleted', async () => {
    // Invitations left behind by removals and demotions made before they deleted them: the inviter's
    // membership is changed in SQL, bypassing the service.
    const { boss, deputy, accomplice } = await teamWithDeputy();
    const stranger = await registerAccount(api, 'Stranger');
    const removedToken = await inviteByEmail(api, deputy, accomplice.email, 'admin', boss.teamId);
    const demotedBy = await registerMember(api, boss, 'Demoted', 'admin');
    const demotedToken = await inviteByEmail(api, demotedBy, stranger.email, 'agent', boss.teamId);
    await t.database.db.execute(
      sql`delete from team_members where team_id = ${boss.teamId} and user_id = ${deputy.userId}`,
    );
    await t.database.db.execute(
      sql`update team_members set role = 'agent' where team_id = ${boss.teamId} and user_id = ${demotedBy.userId}`,
    );
    expect(await pendingBy(deputy)).toBe(1);

    // Void is unknown, whoever asks: no email mismatch, and the invitation is gone afterwards.
    expectError(await accept(stranger, removedToken), 404, 'INVITATION_NOT_FOUND');
    expect(await pendingBy(deputy)).toBe(0);
    expectError(await accept(accomplice, removedToken), 404, 'INVITATION_NOT_FOUND');
    expectError(await accept(stranger, demotedToken), 404, 'INVITATION_NOT_FOUND');
    expect(await pendingBy(demotedBy)).toBe(0);
    expect(await roleIn(boss, accomplice)).toBeUndefined();
    expect(await roleIn(boss, stranger)).toBeUndefined();
  });

  it('orders an accept with a concurrent removal of its inviter', { skip: !usesPostgres() }, async () => {
    const { boss, deputy, accomplice } = await teamWithDeputy();
    const token = await inviteByEmail(api, deputy, accomplice.email, 'admin', boss.teamId);
    // The accept passes its first look at the inviter, then waits on the inviter's membership row
    // while another session removes them: it must see the removal, not the row it read before.
    const held = await holdRowLock(
      t,
      'select 1 from team_members where team_id = $1 and user_id = $2 for update',
      [boss.teamId, deputy.userId],
    );
    const accepting = accept(accomplice, token);
    await waitForLockWaiters(t.database.db, 1);
    await held.query('delete from team_members where team_id = $1 and user_id = $2', [
      boss.teamId,
      deputy.userId,
    ]);
    await held.release();
    expectError(await accepting, 404, 'INVITATION_NOT_FOUND');
    expect(await roleIn(boss, accomplice)).toBeUndefined();
    expect(await pendingBy(deputy)).toBe(0);
  });
  it('orders an invitation with a concurrent removal of its inviter', { skip: !usesPostgres() }, async () => {
    const { boss, deputy, accomplice } = await teamWithDeputy();
    // The invite passes its access check, then waits on the inviter's membership row while another
    // session removes them: it must not leave an invitation behind.
    const held = await holdRowLock(
      t,
      'select 1 from team_members where team_id = $1 and user_id = $2 for update',
      [boss.teamId, deputy.userId],
    );
    const inviting = api.post(`/api/v1/teams/${boss.teamId}/invitations`, {
      token: deputy.token,
      body: { email: accomplice.email, role: 'admin' },
    });
    await waitForLockWaiters(t.database.db, 1);
    await held.query('delete from team_members where team_id = $1 and user_id = $2', [
      boss.teamId,
      deputy.userId,
    ]);
    await held.release();
    expectError(await inviting, 409, 'CONFLICT');
    expect(await pendingBy(deputy)).toBe(0);
  });
});
