import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { registerAccount, registerMember, type Account } from '../factories/accounts';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { expectError } from '../support/expect-error';

describe('canned responses: shortcuts unique per team, authors and admins change them', () => {
  let w: AppWithProject;
  let admin: Account;
  let agent: Account;
  let colleague: Account;

  const create = (token: string, body: Record<string, unknown>, teamId = w.owner.teamId) =>
    w.api.post(`/api/v1/teams/${teamId}/canned-responses`, { token, body });
  const list = async (token: string) => {
    const res = await w.api.get(`/api/v1/teams/${w.owner.teamId}/canned-responses`, { token });
    expect(res.status).toBe(200);
    return res.body.data as { id: string; shortcut: string }[];
  };

  before(async () => {
    w = await startAppWithProject();
    admin = await registerMember(w.api, w.owner, 'Admin', 'admin');
    agent = await registerMember(w.api, w.owner, 'Agent', 'agent');
    colleague = await registerMember(w.api, w.owner, 'Colleague', 'agent');
  });
  after(() => w?.t.close());

  it('creates one per shortcut in a team (409 for a second), with its author and variables kept as written', async () => {
    const body = 'Hi {{visitor.name | there}}, {{agent.name}} here from {{project.name}}.';
    const res = await create(agent.token, { shortcut: 'greet', title: 'Greeting', body });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      shortcut: 'greet',
      title: 'Greeting',
      body,
      authorId: agent.userId,
      teamId: w.owner.teamId,
    });
    expectError(await create(admin.token, { shortcut: 'greet', body: 'again' }), 409, 'SHORTCUT_TAKEN');

    // Another team may use the same shortcut.
    const stranger = await registerAccount(w.api, 'Stranger');
    const theirs = await create(stranger.token, { shortcut: 'greet', body: 'theirs' }, stranger.teamId);
    expect(theirs.status).toBe(201);
    expect((await list(agent.token)).filter((c) => c.shortcut === 'greet')).toHaveLength(1);

    // Renaming onto a taken shortcut is a 409 too, and changes nothing.
    const other = await create(agent.token, { shortcut: 'bye', body: 'Bye!' });
    expectError(
      await w.api.patch(`/api/v1/canned-responses/${other.body.data.id}`, {
        token: agent.token,
        body: { shortcut: 'greet' },
      }),
      409,
      'SHORTCUT_TAKEN',
    );
    expect((await list(agent.token)).map((c) => c.shortcut)).toEqual(['bye', 'greet']);
  });

  it('accepts only shortcuts of 1-32 lower-case letters, digits, _ and -', async () => {
    for (const shortcut of ['', 'Greet', 'two words', '/greet', 'x'.repeat(33), 'é']) {
      expectError(await create(agent.token, { shortcut, body: 'x' }), 400, 'VALIDATION_FAILED');
    }
    for (const shortcut of ['a', 'ok_2', 're-fund', 'x'.repeat(32)]) {
      expect((await create(agent.token, { shortcut, body: 'x' })).status).toBe(201);
    }
    expectError(await create(agent.token, { shortcut: 'nobody' }), 400, 'VALIDATION_FAILED');
  });

  it('lets its author and admins change or delete it, not other agents', async () => {
    const mine = (await create(agent.token, { shortcut: 'refund', body: 'Refunded.' })).body.data;
    const path = `/api/v1/canned-responses/${mine.id}`;
    expectError(
      await w.api.patch(path, { token: colleague.token, body: { body: 'hijacked' } }),
      403,
      'INSUFFICIENT_ROLE',
    );
    expectError(await w.api.delete(path, { token: colleague.token }), 403, 'INSUFFICIENT_ROLE');
    const edited = await w.api.patch(path, {
      token: agent.token,
      body: { body: 'Refund sent.', title: null },
    });
    expect(edited.body.data).toMatchObject({ body: 'Refund sent.', title: null, authorId: agent.userId });
    const byAdmin = await w.api.patch(path, { token: admin.token, body: { title: 'Refund' } });
    expect(byAdmin.body.data).toMatchObject({ title: 'Refund', authorId: agent.userId });
    // Every member reads it.
    expect((await list(colleague.token)).map((c) => c.id)).toContain(mine.id);

    expect((await w.api.delete(path, { token: w.owner.token })).status).toBe(204);
    expectError(await w.api.delete(path, { token: w.owner.token }), 404, 'CANNED_RESPONSE_NOT_FOUND');
    expect((await list(agent.token)).map((c) => c.id)).not.toContain(mine.id);
  });

  it("hides another team's canned responses (404 with its own code)", async () => {
    const mine = (await create(agent.token, { shortcut: 'private', body: 'x' })).body.data;
    const stranger = await registerAccount(w.api, 'Outsider');
    const path = `/api/v1/canned-responses/${mine.id}`;
    expectError(
      await w.api.patch(path, { token: stranger.token, body: { body: 'y' } }),
      404,
      'CANNED_RESPONSE_NOT_FOUND',
    );
    expectError(await w.api.delete(path, { token: stranger.token }), 404, 'CANNED_RESPONSE_NOT_FOUND');
    expectError(
      await w.api.get(`/api/v1/teams/${w.owner.teamId}/canned-responses`, { token: stranger.token }),
      404,
      'TEAM_NOT_FOUND',
    );
  });
});
