import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { SocketEventLimiter } from '../../src/common/rate-limit';
import { uniqueEmail } from '../factories/accounts';
import { expectError } from '../support/expect-error';
import { httpClient, type HttpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const ADMIN_ORIGIN = 'https://admin.example.com';
const FOREIGN_ORIGIN = 'https://evil.example.net';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = () => `test-rl-${randomBytes(6).toString('hex')}`;

/** Boots an app with `env`, runs `fn`, always closes it. */
async function withApp(env: Record<string, string>, fn: (t: TestApp, api: HttpClient) => Promise<void>) {
  const t = await startTestApp(env);
  try {
    await fn(t, httpClient(t.url));
  } finally {
    await t.close();
  }
}

const login = (api: HttpClient, email: string, ip?: string) =>
  api.post('/api/v1/auth/login', {
    body: { email, password: 'wrong-password' },
    headers: ip ? { 'x-forwarded-for': ip } : {},
  });

describe('security: transport hygiene', () => {
  let t: TestApp;
  let api: HttpClient;

  before(async () => {
    t = await startTestApp({ CORS_ORIGINS: ADMIN_ORIGIN });
    api = httpClient(t.url);
  });
  after(async () => {
    await t?.close();
  });

  it('sends security headers, with a locked-down CSP on the API', async () => {
    const res = await api.get('/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('still renders Swagger UI at /docs under a CSP that allows its own scripts and styles', async () => {
    const page = await fetch(`${t.url}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-init.js');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect((await fetch(`${t.url}/docs/swagger-ui-init.js`)).status).toBe(200);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = { email: 'a@example.com', password: 'x'.repeat(t.config.BODY_LIMIT_BYTES + 1) };
    expectError(await api.post('/api/v1/auth/login', { body }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers bodies that are not JSON with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const json = JSON.stringify({ email: 'a@example.com', password: 'x' });
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await api.post('/api/v1/auth/login', {
        body: json,
        raw: true,
        headers: { 'content-type': contentType },
      });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    // A body without any content type is not guessed at either.
    const bare = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      body: new TextEncoder().encode(json),
    });
    expect({
      status: bare.status,
      code: ((await bare.json()) as { error: { code: string } }).error.code,
    }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('answers malformed JSON and prototype pollution attempts with a 400 envelope', async () => {
    for (const raw of ['{"email":', '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {}}}']) {
      const res = await api.post('/api/v1/auth/login', { body: raw, raw: true });
      expectError(res, 400, 'BAD_REQUEST');
    }
  });

  it('answers router-level errors (malformed or over-long URLs) with the envelope', async () => {
    expectError(await api.get(`/api/v1/teams/${'x'.repeat(500)}`, { token: 'x' }), 400, 'BAD_REQUEST');
    expectError(await api.get('/api/v1/teams/%E0%A4%A'), 400, 'BAD_REQUEST');
  });

  it('lets CORS_ORIGINS, and only them, call the admin API from a browser', async () => {
    const preflight = (origin: string) =>
      api.request('OPTIONS', '/api/v1/teams', {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(ADMIN_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const foreign = await preflight(FOREIGN_ORIGIN);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const get = await api.get('/health', { headers: { origin: FOREIGN_ORIGIN } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers CORS for any origin on widget routes (the widget guard checks the project origins)', async () => {
    for (const path of [
      '/api/v1/messages',
      '/api/v1/widget/session',
      '/api/v1/messages/conversations/x/read',
    ]) {
      const res = await api.request('OPTIONS', path, {
        headers: {
          origin: FOREIGN_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-project-key,x-visitor-token',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(FOREIGN_ORIGIN);
      const allowedHeaders = res.headers.get('access-control-allow-headers') ?? '';
      for (const h of ['content-type', 'x-project-key', 'x-visitor-token', 'authorization', 'x-request-id']) {
        expect(allowedHeaders).toContain(h);
      }
      expect(res.headers.get('access-control-expose-headers')).toContain('x-visitor-token');
    }
  });
});

describe('security: rate limits', () => {
  it('stops brute-force logins per email with 429, Retry-After and the envelope (in memory)', async () => {
    await withApp(
      {
        RATE_LIMIT_AUTH_PER_MINUTE: '5',
        TRUST_PROXY: 'true',
        TRUST_PROXY_HOPS: '1',
      },
      async (_t, api) => {
        const email = uniqueEmail('victim');
        // Rotating client IPs does not help against the per-email limit.
        for (let i = 0; i < 5; i++) expect((await login(api, email, `198.51.100.${i}`)).status).toBe(401);
        const limited = await login(api, email, '198.51.100.99');
        expectError(limited, 429, 'RATE_LIMITED');
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        // Another client is not affected.
        expect((await login(api, uniqueEmail('other'), '203.0.113.7')).status).toBe(401);
      },
    );
  });

  it('stops one IP trying many emails, and limits register and refresh too', async () => {
    await withApp(
      {
        RATE_LIMIT_AUTH_PER_MINUTE: '3',
        TRUST_PROXY: 'true',
        TRUST_PROXY_HOPS: '1',
      },
      async (_t, api) => {
        for (let i = 0; i < 3; i++)
          expect((await login(api, uniqueEmail('spray'), '192.0.2.1')).status).toBe(401);
        expectError(await login(api, uniqueEmail('spray'), '192.0.2.1'), 429, 'RATE_LIMITED');
        const refresh = () =>
          api.post('/api/v1/auth/refresh', {
            body: { refreshToken: 'nope' },
            headers: { 'x-forwarded-for': '192.0.2.2' },
          });
        for (let i = 0; i < 3; i++) expect((await refresh()).status).toBe(401);
        expectError(await refresh(), 429, 'RATE_LIMITED');
        const register = () =>
          api.post('/api/v1/auth/register', {
            body: { email: 'bad' },
            headers: { 'x-forwarded-for': '192.0.2.3' },
          });
        for (let i = 0; i < 3; i++) expect((await register()).status).toBe(400);
        expectError(await register(), 429, 'RATE_LIMITED');
      },
    );
  });

  it('shares the counters between nodes through Redis', async () => {
    const env = { RATE_LIMIT_AUTH_PER_MINUTE: '4', REDIS_URL: redisUrl, RATE_LIMIT_KEY_PREFIX: prefix() };
    const node1 = await startTestApp(env);
    const node2 = await startTestApp(env);
    try {
      const email = uniqueEmail('shared');
      for (const node of [node1, node2, node1, node2])
        expect((await login(httpClient(node.url), email)).status).toBe(401);
      expectError(await login(httpClient(node2.url), email), 429, 'RATE_LIMITED');
      expectError(await login(httpClient(node1.url), email), 429, 'RATE_LIMITED');
    } finally {
      await node1.close();
      await node2.close();
    }
  });

  it('limits socket events per connection and tells the gateway when to retry', async () => {
    const envs: Record<string, string>[] = [{}, { REDIS_URL: redisUrl, RATE_LIMIT_KEY_PREFIX: prefix() }];
    for (const env of envs) {
      await withApp({ ...env, RATE_LIMIT_SOCKET_EVENTS_PER_10S: '3' }, async (t) => {
        const limiter = t.app.get(SocketEventLimiter);
        const results = [];
        for (let i = 0; i < 4; i++) results.push(await limiter.consume('socket-1'));
        expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
        expect(results[3].retryAfterMs).toBeGreaterThan(0);
        expect(results[3].retryAfterMs).toBeLessThanOrEqual(10_000);
        expect((await limiter.consume('socket-2')).ok).toBe(true);
      });
    }
  });

  it('can be switched off with RATE_LIMIT_ENABLED=false', async () => {
    await withApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1', RATE_LIMIT_ENABLED: 'false' }, async (_t, api) => {
      const email = uniqueEmail('unlimited');
      for (let i = 0; i < 3; i++) expect((await login(api, email)).status).toBe(401);
    });
  });
});
