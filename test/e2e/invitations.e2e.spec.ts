import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { TeamsRepository } from '../../src/modules/teams/teams.repository';
import { inviteByEmail, registerAccount, type Account } from '../factories/accounts';
import { countRows } from '../support/db';
import { expectError } from '../support/expect-error';
import { httpClient, type HttpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('invitations', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
    owner = await registerAccount(api, 'Owner');
  });
  after(() => t.close());

  it('sweeps invitations that expired unused', async () => {
    const invitee = await registerAccount(api, 'Late');
    const token = await inviteByEmail(api, owner, invitee.email, 'agent');
    await t.database.db.execute(
      sql`update invitations set expires_at = now() - interval '1 minute' where email = ${invitee.email}`,
    );
    await t.app.get(TeamsRepository).deleteExpiredInvitations();
    expect(await countRows(t, 'invitations', `email = '${invitee.email}'`)).toBe(0);
    expectError(
      await api.post('/api/v1/invitations/accept', { token: invitee.token, body: { token } }),
      404,
      'INVITATION_NOT_FOUND',
    );
  });

  it('keeps one pending invitation per address: a new one replaces the old', async () => {
    const invitee = await registerAccount(api, 'Invitee');
    const base = `/api/v1/teams/${owner.teamId}`;
    const first = await inviteByEmail(api, owner, invitee.email, 'agent');
    const second = await inviteByEmail(api, owner, invitee.email, 'admin');
    const pending = await api.get(`${base}/invitations`, { token: owner.token });
    expect(pending.body.data.filter((i: { email: string }) => i.email === invitee.email)).toEqual([
      expect.objectContaining({ role: 'admin' }),
    ]);
    expectError(
      await api.post('/api/v1/invitations/accept', { token: invitee.token, body: { token: first } }),
      404,
      'INVITATION_NOT_FOUND',
    );
    const accepted = await api.post('/api/v1/invitations/accept', {
      token: invitee.token,
      body: { token: second },
    });
    expect(accepted.body.data.role).toBe('admin');
    await api.delete(`${base}/members/${invitee.userId}`, { token: owner.token });
  });

  it('leaves one pending invitation when the same address is invited several times at once', async () => {
    const invitee = await registerAccount(api, 'Popular');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.post(`/api/v1/teams/${owner.teamId}/invitations`, {
          token: owner.token,
          body: { email: invitee.email, role: 'agent' },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await countRows(t, 'invitations', `email = '${invitee.email}' and accepted_at is null`)).toBe(1);
  });
});
