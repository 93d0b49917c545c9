import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount } from '../factories/accounts';
import { startConversation, widgetHeaders } from '../factories/widget';
import { countRows } from '../support/db';
import { expectError } from '../support/expect-error';
import { httpClient, type ApiResponse, type HttpClient } from '../support/http';
import { connectWidget } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

const ADMIN_ORIGIN = 'https://admin.example.com';
const SITE_ORIGIN = 'https://shop.example.com';
const FOREIGN_ORIGIN = 'https://evil.example.net';

const allowOrigin = (res: ApiResponse): string | null => res.headers.get('access-control-allow-origin');

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
    expectError(await api.get(`/api/v1/teams/${'x'.repeat(500)}`, { token: 'x' }), 414, 'URI_TOO_LONG');
    expectError(await api.get('/api/v1/teams/%E0%A4%A'), 400, 'BAD_REQUEST');
  });

  it('echoes a well-formed x-request-id and replaces any other with a generated UUID', async () => {
    // An error response carries the id twice (header and body); expectError checks they agree.
    const unauthenticated = (requestId: string) =>
      api.get('/api/v1/auth/me', { headers: { 'x-request-id': requestId } });
    const valid = 'client-1.2:abc_DEF';
    const echoed = await unauthenticated(valid);
    expectError(echoed, 401, 'UNAUTHENTICATED');
    expect(echoed.body.requestId).toBe(valid);
    expect(
      (await api.get('/health', { headers: { 'x-request-id': valid } })).headers.get('x-request-id'),
    ).toBe(valid);

    // 8,000 characters is well under Node's 16 KiB header limit: it reaches the app, which must refuse it.
    for (const invalid of ['a'.repeat(8000), 'a'.repeat(129), 'two words', '<script>', '']) {
      const res = await unauthenticated(invalid);
      expectError(res, 401, 'UNAUTHENTICATED');
      expect(res.body.requestId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    const routerError = await api.get('/api/v1/teams/%E0%A4%A', { headers: { 'x-request-id': '<script>' } });
    expectError(routerError, 400, 'BAD_REQUEST');
    expect(routerError.body.requestId).not.toBe('<script>');
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

  it('answers widget preflights for any origin (a preflight names no project)', async () => {
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

  it("sends widget CORS headers only to the project's allowed origins", async () => {
    const owner = await registerAccount(api);
    const open = await createProject(api, owner);
    const locked = await createProject(api, owner, { allowedOrigins: [SITE_ORIGIN] });
    const session = (key: string, origin: string) =>
      api.post('/api/v1/widget/session', { headers: { ...widgetHeaders(key), origin }, body: {} });
    const allowed = await session(locked.publicKey, SITE_ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowOrigin(allowed)).toBe(SITE_ORIGIN);
    const foreign = await session(locked.publicKey, FOREIGN_ORIGIN);
    expectError(foreign, 403, 'ORIGIN_NOT_ALLOWED');
    expect(allowOrigin(foreign)).toBeNull();
    // A visitor token names its project: the same rule without the key.
    const list = await api.get('/api/v1/widget/conversations', {
      headers: { 'x-visitor-token': allowed.body.data.visitorToken, origin: FOREIGN_ORIGIN },
    });
    expect([list.status, allowOrigin(list)]).toEqual([403, null]);
    // A project without an allow-list takes any origin.
    const anywhere = await session(open.publicKey, FOREIGN_ORIGIN);
    expect([anywhere.status, allowOrigin(anywhere)]).toEqual([200, FOREIGN_ORIGIN]);
  });

  it('applies CORS_ORIGINS to an agent on the route shared with the widget', async () => {
    const owner = await registerAccount(api);
    const project = await createProject(api, owner);
    const visitor = await startConversation(api, project);
    const path = `/api/v1/messages/conversations/${visitor.conversationId}`;
    const asAgent = (origin: string) => api.get(path, { token: owner.token, headers: { origin } });
    const fromAdmin = await asAgent(ADMIN_ORIGIN);
    expect([fromAdmin.status, allowOrigin(fromAdmin)]).toEqual([200, ADMIN_ORIGIN]);
    const fromForeign = await asAgent(FOREIGN_ORIGIN);
    expect(allowOrigin(fromForeign)).toBeNull();
    const asVisitor = await api.get(path, {
      headers: { 'x-visitor-token': visitor.token, origin: FOREIGN_ORIGIN },
    });
    expect([asVisitor.status, allowOrigin(asVisitor)]).toEqual([200, FOREIGN_ORIGIN]);
  });

  it('closes a socket that sends a payload over BODY_LIMIT_BYTES, storing nothing', async () => {
    const project = await createProject(api, await registerAccount(api));
    const before = await countRows(t, 'messages');
    const socket = await connectWidget(t.url, { projectKey: project.publicKey });
    try {
      const closed = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
      socket.socket.emit('message.send', {
        body: 'x'.repeat(t.config.BODY_LIMIT_BYTES + 1),
        clientMessageId: randomUUID(),
      });
      expect(await closed).toBe('transport close');
      expect(await countRows(t, 'messages')).toBe(before);
    } finally {
      socket.close();
    }
  });
});
