import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { login, registerAccount, uniqueEmail } from '../factories/accounts';
import { sql } from 'drizzle-orm';
import { AuthRepository } from '../../src/modules/auth/auth.repository';
import { countRows } from '../support/db';
import { expectError } from '../support/expect-error';
import { httpClient, type HttpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'correct-horse-battery';

describe('auth', () => {
  let t: TestApp;
  let api: HttpClient;

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
  });
  after(() => t.close());

  it('register → login → me → refresh → reuse detection revokes the family → logout', async () => {
    const email = uniqueEmail('flow');
    const registered = await api.post('/api/v1/auth/register', {
      body: { email, password: PASSWORD, name: 'Flow', teamName: 'Flow Inc' },
    });
    expect(registered.status).toBe(201);
    const { user, team } = registered.body.data;
    expect(user).toEqual({
      id: expect.any(String),
      email,
      name: 'Flow',
      createdAt: expect.any(String),
      notifications: { newConversation: true, webhookDisabled: true },
    });
    expect(team).toEqual({ id: expect.any(String), name: 'Flow Inc' });
    expect(registered.body.data).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(JSON.stringify(registered.body)).not.toMatch(/password|hash/i);

    // The registering user owns the team that came with the account.
    const teams = await api.get('/api/v1/teams', { token: registered.body.data.accessToken });
    expect(teams.body.data).toEqual([expect.objectContaining({ id: team.id, role: 'owner' })]);

    const session = await api.post('/api/v1/auth/login', {
      body: { email: email.toUpperCase(), password: PASSWORD },
    });
    expect(session.status).toBe(200);
    expect(session.body.data.user.id).toBe(user.id);
    const first = { access: session.body.data.accessToken, refresh: session.body.data.refreshToken };

    const me = await api.get('/api/v1/auth/me', { token: first.access });
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual(user);

    const rotated = await api.post('/api/v1/auth/refresh', { body: { refreshToken: first.refresh } });
    expect(rotated.status).toBe(200);
    const second = { access: rotated.body.data.accessToken, refresh: rotated.body.data.refreshToken };
    expect(second.refresh).not.toBe(first.refresh);
    expect((await api.get('/api/v1/auth/me', { token: second.access })).status).toBe(200);

    // Presenting the rotated-away token again means it leaked: the whole session dies.
    expectError(
      await api.post('/api/v1/auth/refresh', { body: { refreshToken: first.refresh } }),
      401,
      'REFRESH_TOKEN_REUSED',
    );
    expectError(
      await api.post('/api/v1/auth/refresh', { body: { refreshToken: second.refresh } }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    expectError(await api.get('/api/v1/auth/me', { token: second.access }), 401, 'TOKEN_INVALID');
    expectError(await api.get('/api/v1/auth/me', { token: first.access }), 401, 'TOKEN_INVALID');

    // The registration session is a different family and was not touched.
    expect((await api.get('/api/v1/auth/me', { token: registered.body.data.accessToken })).status).toBe(200);

    const fresh = await login(api, { email, password: PASSWORD });
    const logout = await api.post('/api/v1/auth/logout', { token: fresh.token });
    expect(logout.status).toBe(204);
    expect(logout.body).toBeUndefined();
    expectError(await api.get('/api/v1/auth/me', { token: fresh.token }), 401, 'TOKEN_INVALID');
    expectError(
      await api.post('/api/v1/auth/refresh', { body: { refreshToken: fresh.refreshToken } }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    expectError(await api.post('/api/v1/auth/logout', { token: fresh.token }), 401, 'TOKEN_INVALID');
  });

  it('rejects requests without a valid bearer token', async () => {
    expectError(await api.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
    expectError(await api.get('/api/v1/auth/me', { token: 'not-a-jwt' }), 401, 'TOKEN_INVALID');
    expectError(
      await api.get('/api/v1/auth/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await api.post('/api/v1/auth/refresh', { body: { refreshToken: 'rt_never-issued' } }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    // An access token is not a refresh token.
    const account = await registerAccount(api);
    expectError(
      await api.post('/api/v1/auth/refresh', { body: { refreshToken: account.token } }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
  });

  it('sweeps sessions whose every refresh token expired, and keeps live ones', async () => {
    const stale = await registerAccount(api, 'Stale');
    const live = await registerAccount(api, 'Live');
    // The live session was refreshed once; its used-up first token has since expired.
    const refreshed = await api.post('/api/v1/auth/refresh', { body: { refreshToken: live.refreshToken } });
    await t.database.db.execute(
      sql`update refresh_tokens set expires_at = now() - interval '2 days'
          where user_id = ${stale.userId} or (user_id = ${live.userId} and rotated_at is not null)`,
    );
    await t.app.get(AuthRepository).deleteExpiredSessions();
    expect(await countRows(t, 'refresh_tokens', `user_id = '${stale.userId}'`)).toBe(0);
    expect(await countRows(t, 'refresh_tokens', `user_id = '${live.userId}'`)).toBe(1);
    const me = await api.get('/api/v1/auth/me', { token: refreshed.body.data.accessToken });
    expect(me.status).toBe(200);
    expectError(await api.get('/api/v1/auth/me', { token: stale.token }), 401, 'TOKEN_INVALID');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const account = await registerAccount(api);
    const wrongPassword = await api.post('/api/v1/auth/login', {
      body: { email: account.email, password: 'wrong-password-123' },
    });
    const unknownEmail = await api.post('/api/v1/auth/login', {
      body: { email: uniqueEmail('nobody'), password: account.password },
    });
    expectError(wrongPassword, 401, 'INVALID_CREDENTIALS');
    expectError(unknownEmail, 401, 'INVALID_CREDENTIALS');
    expect(wrongPassword.body.error).toEqual(unknownEmail.body.error);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const account = await registerAccount(api);
    for (const email of [account.email, account.email.toUpperCase()]) {
      const res = await api.post('/api/v1/auth/register', {
        body: { email, password: PASSWORD, name: 'Twin' },
      });
      expectError(res, 409, 'EMAIL_TAKEN');
    }
    // The original account still logs in with its own password.
    expect((await login(api, account)).token).toEqual(expect.any(String));
  });

  it('registers an account concurrently only once', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        api.post('/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'R' } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const res of results.filter((r) => r.status === 409)) expectError(res, 409, 'EMAIL_TAKEN');
  });

  const invalidBodies: Array<[string, string, unknown]> = [
    ['register', 'a weak password', { email: uniqueEmail(), password: 'short', name: 'A' }],
    ['register', 'a missing name', { email: uniqueEmail(), password: PASSWORD }],
    ['register', 'a missing email', { password: PASSWORD, name: 'A' }],
    ['register', 'a malformed email', { email: 'not-an-email', password: PASSWORD, name: 'A' }],
    ['register', 'an extra field', { email: uniqueEmail(), password: PASSWORD, name: 'A', role: 'owner' }],
    ['register', 'a blank name', { email: uniqueEmail(), password: PASSWORD, name: '   ' }],
    ['register', 'a NUL character', { email: uniqueEmail(), password: PASSWORD, name: 'a\u0000b' }],
    ['register', 'wrong types', { email: 42, password: ['x'], name: { a: 1 } }],
    ['register', 'an array body', [1, 2]],
    ['register', 'a null body', null],
    ['login', 'a missing password', { email: uniqueEmail() }],
    ['login', 'an extra field', { email: uniqueEmail(), password: PASSWORD, remember: true }],
    // (No token at all is the console's refresh by cookie: auth-cookie.e2e.spec.ts.)
    ['refresh', 'an empty token', { refreshToken: '' }],
    ['refresh', 'a numeric token', { refreshToken: 12345 }],
  ];
  for (const [route, what, body] of invalidBodies) {
    it(`rejects ${route} with ${what} as VALIDATION_FAILED`, async () => {
      const res = await api.post(`/api/v1/auth/${route}`, { body });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]),
      );
    });
  }

  it('names the offending field in the details', async () => {
    const res = await api.post('/api/v1/auth/register', {
      body: { email: uniqueEmail(), password: 'short', name: 'A', extra: 1 },
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'password' }),
        { path: 'extra', message: 'Unknown field' },
      ]),
    );
  });

  it('answers malformed JSON and a missing body with a 4xx envelope, never a 500', async () => {
    const malformed = await api.post('/api/v1/auth/login', { body: '{"email":', raw: true });
    expectError(malformed, 400, 'BAD_REQUEST');
    const empty = await api.post('/api/v1/auth/login');
    expectError(empty, 400, 'VALIDATION_FAILED');
    const text = await api.post('/api/v1/auth/login', {
      body: 'email=a',
      raw: true,
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);
    expect(text.body.error.code).toEqual(expect.any(String));
  });

  it('echoes a client request id and generates one otherwise', async () => {
    const mine = await api.get('/api/v1/auth/me', { headers: { 'x-request-id': 'client-abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('client-abc-123');
    expect(mine.body.requestId).toBe('client-abc-123');
    const generated = await api.get('/api/v1/auth/me');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
