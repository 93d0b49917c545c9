import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { sql } from 'drizzle-orm';
import { uniqueEmail } from '../factories/accounts';
import { expectError } from '../support/expect-error';
import { httpClient, type ApiResponse, type HttpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'correct-horse-battery';
const CONSOLE = { 'x-refresh-cookie': '1' };
const EVIL = 'https://evil.example';

/** The refresh cookie a response sets: its value and attributes (lower-cased names). */
function refreshCookie(res: ApiResponse): { value: string; attributes: Record<string, string> } | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith('spectre_refresh='));
  if (!line) return undefined;
  const [pair, ...rest] = line.split(';').map((part) => part.trim());
  const attributes = Object.fromEntries(
    rest.map((a) => {
      const [k, v = ''] = a.split('=');
      return [k.toLowerCase(), v];
    }),
  );
  return { value: pair.slice('spectre_refresh='.length), attributes };
}

const cookieHeader = (value: string) => ({ cookie: `other=1; spectre_refresh=${value}` });

describe('auth: the console refresh cookie', () => {
  let t: TestApp;
  let api: HttpClient;

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
  });
  after(() => t.close());

  /** Registers through the console's path: returns the access token and the cookie's token. */
  async function consoleSignUp(): Promise<{ access: string; cookie: string; email: string }> {
    const email = uniqueEmail('cookie');
    const res = await api.post('/api/v1/auth/register', {
      headers: { ...CONSOLE, origin: t.url },
      body: { email, password: PASSWORD, name: 'Cookie' },
    });
    expect(res.status).toBe(201);
    return { access: res.body.data.accessToken, cookie: refreshCookie(res)!.value, email };
  }

  it('sets the refresh token as an HttpOnly, SameSite=Strict cookie on the auth path, never in the body', async () => {
    const email = uniqueEmail('attrs');
    const registered = await api.post('/api/v1/auth/register', {
      headers: CONSOLE,
      body: { email, password: PASSWORD, name: 'Attrs' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.data).not.toHaveProperty('refreshToken');
    expect(registered.body.data).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' });
    const cookie = refreshCookie(registered)!;
    expect(cookie.value).toMatch(/^rt_[\w-]+$/);
    // 7 days (JWT_REFRESH_EXPIRES_IN); no Secure on plain http in test.
    expect(cookie.attributes).toEqual({
      path: '/api/v1/auth',
      'max-age': '604800',
      httponly: '',
      samesite: 'Strict',
    });

    const login = await api.post('/api/v1/auth/login', {
      headers: CONSOLE,
      body: { email, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.body.data).not.toHaveProperty('refreshToken');
    expect(refreshCookie(login)?.value).toMatch(/^rt_/);

    // API clients are unchanged: the token in the body, no cookie.
    const plain = await api.post('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(plain.body.data.refreshToken).toMatch(/^rt_/);
    expect(plain.headers.getSetCookie()).toEqual([]);
    const refreshed = await api.post('/api/v1/auth/refresh', {
      body: { refreshToken: plain.body.data.refreshToken },
    });
    expect(refreshed.body.data.refreshToken).toMatch(/^rt_/);
    expect(refreshed.headers.getSetCookie()).toEqual([]);
  });

  it('refreshes by cookie (rotating it), and a just-rotated cookie is told to retry without ending the session', async () => {
    const session = await consoleSignUp();
    const first = await api.post('/api/v1/auth/refresh', { headers: cookieHeader(session.cookie), body: {} });
    expect(first.status).toBe(200);
    expect(first.body.data).not.toHaveProperty('refreshToken');
    const next = refreshCookie(first)!;
    expect(next.value).not.toBe(session.cookie);
    expect(next.attributes.path).toBe('/api/v1/auth');
    expect((await api.get('/api/v1/auth/me', { token: first.body.data.accessToken })).status).toBe(200);

    // A second tab that sent the old cookie a moment later: retry, the session lives on.
    const late = await api.post('/api/v1/auth/refresh', { headers: cookieHeader(session.cookie), body: {} });
    expectError(late, 409, 'REFRESH_TOKEN_ROTATED');
    expect(refreshCookie(late)).toBeUndefined();
    const retried = await api.post('/api/v1/auth/refresh', { headers: cookieHeader(next.value), body: {} });
    expect(retried.status).toBe(200);
    expect((await api.get('/api/v1/auth/me', { token: session.access })).status).toBe(200);
  });

  it('two refreshes with one cookie at the same moment: one rotates, the other retries, nobody is signed out', async () => {
    const session = await consoleSignUp();
    const both = await Promise.all(
      [0, 1].map(() => api.post('/api/v1/auth/refresh', { headers: cookieHeader(session.cookie), body: {} })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.status === 200)!;
    const again = await api.post('/api/v1/auth/refresh', {
      headers: cookieHeader(refreshCookie(winner)!.value),
      body: {},
    });
    expect(again.status).toBe(200);
  });

  it('a cookie reused after the grace window revokes the session and is cleared', async () => {
    const session = await consoleSignUp();
    const first = await api.post('/api/v1/auth/refresh', { headers: cookieHeader(session.cookie), body: {} });
    expect(first.status).toBe(200);
    await t.database.db.execute(
      sql`update refresh_tokens set rotated_at = now() - interval '1 minute' where rotated_at is not null`,
    );
    const reused = await api.post('/api/v1/auth/refresh', {
      headers: cookieHeader(session.cookie),
      body: {},
    });
    expectError(reused, 401, 'REFRESH_TOKEN_REUSED');
    expect(refreshCookie(reused)).toEqual({
      value: '',
      attributes: expect.objectContaining({ 'max-age': '0' }),
    });
    expectError(
      await api.get('/api/v1/auth/me', { token: first.body.data.accessToken }),
      401,
      'TOKEN_INVALID',
    );
  });

  it('logout clears the cookie, which then refreshes nothing', async () => {
    const session = await consoleSignUp();
    const logout = await api.post('/api/v1/auth/logout', {
      token: session.access,
      headers: { ...cookieHeader(session.cookie), origin: t.url },
    });
    expect(logout.status).toBe(204);
    expect(refreshCookie(logout)).toEqual({
      value: '',
      attributes: expect.objectContaining({ path: '/api/v1/auth', 'max-age': '0', httponly: '' }),
    });
    const after = await api.post('/api/v1/auth/refresh', { headers: cookieHeader(session.cookie), body: {} });
    expectError(after, 401, 'REFRESH_TOKEN_INVALID');
    expect(refreshCookie(after)?.attributes['max-age']).toBe('0');
  });

  it('logout from the cookie alone (no access token) ends the session and clears the cookie', async () => {
    const cleared = { value: '', attributes: expect.objectContaining({ 'max-age': '0' }) };
    const session = await consoleSignUp();
    const rotated = await api.post('/api/v1/auth/refresh', {
      headers: cookieHeader(session.cookie),
      body: {},
    });
    const current = refreshCookie(rotated)!.value;
    const foreign = await api.post('/api/v1/auth/logout', {
      headers: { ...cookieHeader(current), origin: EVIL },
    });
    expectError(foreign, 403, 'ORIGIN_NOT_ALLOWED');
    expect((await api.get('/api/v1/auth/me', { token: rotated.body.data.accessToken })).status).toBe(200);

    const logout = await api.post('/api/v1/auth/logout', {
      headers: { ...cookieHeader(current), origin: t.url },
    });
    expect(logout.status).toBe(204);
    expect(refreshCookie(logout)).toEqual(cleared);
    for (const token of [session.access, rotated.body.data.accessToken]) {
      expectError(await api.get('/api/v1/auth/me', { token }), 401, 'TOKEN_INVALID');
    }
    expectError(
      await api.post('/api/v1/auth/refresh', { headers: cookieHeader(current), body: {} }),
      401,
      'REFRESH_TOKEN_INVALID',
    );

    // A rotated cookie still names its session; an unknown one ends nothing and is cleared all the same.
    const other = await consoleSignUp();
    await api.post('/api/v1/auth/refresh', { headers: cookieHeader(other.cookie), body: {} });
    expect((await api.post('/api/v1/auth/logout', { headers: cookieHeader(other.cookie) })).status).toBe(204);
    expectError(await api.get('/api/v1/auth/me', { token: other.access }), 401, 'TOKEN_INVALID');
    const unknown = await api.post('/api/v1/auth/logout', { headers: cookieHeader('rt_unknown') });
    expect(unknown.status).toBe(204);
    expect(refreshCookie(unknown)).toEqual(cleared);
    // Neither a bearer token nor the cookie: nothing to end.
    expectError(await api.post('/api/v1/auth/logout', {}), 401, 'UNAUTHENTICATED');
  });

  it('refuses cookie requests from another origin with the error envelope, and leaves the session alone', async () => {
    const session = await consoleSignUp();
    const foreign = await api.post('/api/v1/auth/refresh', {
      headers: { ...cookieHeader(session.cookie), origin: EVIL },
      body: {},
    });
    expectError(foreign, 403, 'ORIGIN_NOT_ALLOWED');
    expect(refreshCookie(foreign)).toBeUndefined();
    // Login CSRF: another site may not plant its session cookie in the console.
    expectError(
      await api.post('/api/v1/auth/login', {
        headers: { ...CONSOLE, origin: EVIL },
        body: { email: session.email, password: PASSWORD },
      }),
      403,
      'ORIGIN_NOT_ALLOWED',
    );
    expectError(
      await api.post('/api/v1/auth/logout', {
        token: session.access,
        headers: { ...cookieHeader(session.cookie), origin: EVIL },
      }),
      403,
      'ORIGIN_NOT_ALLOWED',
    );
    // The console's own origin is fine, and the session was not touched.
    const own = await api.post('/api/v1/auth/refresh', {
      headers: { ...cookieHeader(session.cookie), origin: t.url },
      body: {},
    });
    expect(own.status).toBe(200);
    // A body-only API client is not subject to the cookie rule.
    const plain = await api.post('/api/v1/auth/login', {
      headers: { origin: EVIL },
      body: { email: session.email, password: PASSWORD },
    });
    expect(plain.status).toBe(200);
  });

  it('answers a refresh without a token, or with a malformed cookie, with the error envelope', async () => {
    expectError(await api.post('/api/v1/auth/refresh', { body: {} }), 401, 'REFRESH_TOKEN_INVALID');
    for (const value of ['', '%00%ff', 'rt_"quoted"', 'x'.repeat(3000), 'rt_never-issued']) {
      expectError(
        await api.post('/api/v1/auth/refresh', { headers: { cookie: `spectre_refresh=${value}` }, body: {} }),
        401,
        'REFRESH_TOKEN_INVALID',
      );
    }
  });
});

describe('auth: the refresh cookie in production', () => {
  it('is Secure', async () => {
    const t = await startTestApp({ NODE_ENV: 'production' });
    try {
      const res = await httpClient(t.url).post('/api/v1/auth/register', {
        headers: CONSOLE,
        body: { email: uniqueEmail('prod'), password: PASSWORD, name: 'Prod' },
      });
      expect(res.status).toBe(201);
      expect(refreshCookie(res)!.attributes).toHaveProperty('secure', '');
    } finally {
      await t.close();
    }
  });
});
