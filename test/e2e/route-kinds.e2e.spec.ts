import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { parseEnv } from '../../src/config/env.schema';
import { registerRoutesOfKind } from '../../src/platform/http/route-kind';
import { createProject, registerAccount } from '../factories/accounts';
import { startConversation } from '../factories/widget';
import { httpClient, type ApiResponse, type HttpClient } from '../support/http';
import { fetchOpenApi, fillPath, listOperations, type Operation } from '../support/openapi';
import { createTestDatabase, startTestApp, TEST_ENV, type TestApp } from '../support/test-app';

const ADMIN_ORIGIN = 'https://admin.example.com';
const FOREIGN_ORIGIN = 'https://evil.example.net';

const allowOrigin = (res: ApiResponse): string | null => res.headers.get('access-control-allow-origin');
const csp = (res: { headers: Headers }): string => res.headers.get('content-security-policy') ?? '';

const preflight = (api: HttpClient, method: string, path: string, origin = FOREIGN_ORIGIN) =>
  api.request('OPTIONS', path, {
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'content-type,x-project-key,x-visitor-token',
    },
  });

// The widget's routes carry its project key; an attachment's signed link is its own credential and
// is loaded by the widget's <img> and download links on the customer's site, so it is widget-kind too.
const SIGNED_LINKS = ['GET /api/v1/attachments/{id}/content'];
const isWidgetOperation = (op: Operation): boolean =>
  op.security.includes('project-key') || SIGNED_LINKS.includes(op.label);
const concretePath = (op: Operation): string => fillPath(op.path, () => randomUUID());

describe('route kinds: CORS and CSP follow the kind each route declares', () => {
  let t: TestApp;
  let api: HttpClient;
  let operations: Operation[];

  before(async () => {
    t = await startTestApp({ CORS_ORIGINS: ADMIN_ORIGIN });
    api = httpClient(t.url);
    operations = listOperations(await fetchOpenApi(t.url));
  });
  after(async () => {
    await t?.close();
  });

  it('declares every widget operation (project-key security) widget-api, and every other one admin-api', () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    const widget = operations.filter(isWidgetOperation).map((op) => op.label);
    // The sweep must see the widget API, the shared history route and the admin API.
    expect(widget).toEqual(
      expect.arrayContaining(['POST /api/v1/widget/session', 'GET /api/v1/messages/conversations/{id}']),
    );
    expect(operations.map((op) => op.label)).toEqual(expect.arrayContaining(['GET /health']));
    const declared = Object.fromEntries(
      operations.map((op) => [op.label, fastify.routeKindAt(op.method, concretePath(op))]),
    );
    const expected = Object.fromEntries(
      operations.map((op) => [op.label, isWidgetOperation(op) ? 'widget-api' : 'admin-api']),
    );
    expect(declared).toEqual(expected);
  });

  it('answers each operation, preflight and request alike, with the CORS policy and CSP of its kind', async () => {
    const apiCsp = csp(await api.get('/health'));
    expect(apiCsp).toContain("default-src 'none'");
    const seen: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const op of operations) {
      const path = concretePath(op);
      const request = await api.request(op.method, path, { headers: { origin: FOREIGN_ORIGIN } });
      seen[op.label] = {
        foreignPreflight: allowOrigin(await preflight(api, op.method, path)),
        adminPreflight: allowOrigin(await preflight(api, op.method, path, ADMIN_ORIGIN)),
        foreignRequest: allowOrigin(request),
        csp: csp(request),
      };
      const widget = isWidgetOperation(op);
      expected[op.label] = {
        foreignPreflight: widget ? FOREIGN_ORIGIN : null,
        adminPreflight: ADMIN_ORIGIN,
        foreignRequest: widget ? FOREIGN_ORIGIN : null,
        csp: apiCsp,
      };
    }
    expect(seen).toEqual(expected);
  });

  it('answers a parametrised widget route for any origin, with its query string too', async () => {
    const owner = await registerAccount(api);
    const visitor = await startConversation(api, await createProject(api, owner));
    const path = `/api/v1/messages/conversations/${visitor.conversationId}`;
    for (const origin of ['https://shop.example.com', 'http://localhost:8080', FOREIGN_ORIGIN]) {
      for (const url of [path, `${path}?before=10`]) {
        const res = await preflight(api, 'GET', url, origin);
        expect([url, res.status, allowOrigin(res)]).toEqual([url, 204, origin]);
        expect(res.headers.get('access-control-allow-headers')).toContain('x-visitor-token');
      }
      const history = await api.get(`${path}?limit=5`, {
        headers: { 'x-visitor-token': visitor.token, origin },
      });
      expect([history.status, allowOrigin(history)]).toEqual([200, origin]);
    }
  });

  it('keeps the widget policy off admin routes and unknown routes under widget-looking URLs', async () => {
    const id = randomUUID();
    for (const [method, path] of [
      ['POST', `/api/v1/conversations/${id}/messages`], // the agents' messages
      ['GET', '/api/v1/messages'], // only POST /messages is a widget route
      ['GET', `/api/v1/messages/conversations/${id}/read`], // only POST
      ['POST', '/api/v1/widget/anything'], // no such route
      ['GET', '/api/v1/widgets/config'],
    ]) {
      const pre = await preflight(api, method, path);
      const res = await api.request(method, path, { headers: { origin: FOREIGN_ORIGIN } });
      expect({ path, method, preflight: allowOrigin(pre), request: allowOrigin(res) }).toEqual({
        path,
        method,
        preflight: null,
        request: null,
      });
      // Still the admin policy, not no CORS at all.
      expect(allowOrigin(await preflight(api, method, path, ADMIN_ORIGIN))).toBe(ADMIN_ORIGIN);
    }
  });

  it('serves /docs, its static files and /docs-json under the docs CSP, not the API one', async () => {
    const page = await api.get('/docs');
    expect(page.status).toBe(200);
    const docsCsp = csp(page);
    expect(docsCsp).toContain("style-src 'self' 'unsafe-inline'");
    expect(docsCsp).toContain("img-src 'self' data:");
    for (const path of ['/docs/', '/docs/swagger-ui.css', '/docs/swagger-ui-init.js', '/docs-json']) {
      const res = await api.get(path);
      expect([path, res.status, csp(res)]).toEqual([path, 200, docsCsp]);
    }
    expect(csp(await api.get('/api/v1/widget/config'))).not.toBe(docsCsp);
  });
});

describe('route kinds: web assets', () => {
  let app: NestFastifyApplication;
  let api: HttpClient;
  let dropDatabase: () => Promise<void>;

  // No web asset is served yet: boot the app with one added the way non-controller routes declare theirs.
  before(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    const env = { ...TEST_ENV, CORS_ORIGINS: ADMIN_ORIGIN, PORT: '0' };
    app = await createApp(parseEnv(database.url ? { ...env, DATABASE_URL: database.url } : env));
    const fastify = app.getHttpAdapter().getInstance();
    await registerRoutesOfKind(fastify, 'web-asset', () => {
      fastify.get('/console', (_request, reply) => reply.type('text/html').send('<!doctype html>'));
    });
    await app.listen(0, '127.0.0.1');
    api = httpClient(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
  });
  after(async () => {
    await app?.close();
    await dropDatabase?.();
  });

  it('serves them under their own CSP', async () => {
    const res = await api.get('/console');
    expect(res.status).toBe(200);
    const policy = csp(res);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self' ws: wss:",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(policy.split(';')).toContain(directive);
    }
    expect(policy).not.toContain('unsafe-inline');
  });

  it('gives no other origin CORS access, not even CORS_ORIGINS', async () => {
    for (const origin of [ADMIN_ORIGIN, FOREIGN_ORIGIN]) {
      expect(allowOrigin(await preflight(api, 'GET', '/console', origin))).toBeNull();
      expect(allowOrigin(await api.get('/console', { headers: { origin } }))).toBeNull();
    }
    // The API next to it keeps its policy.
    expect(allowOrigin(await api.get('/health', { headers: { origin: ADMIN_ORIGIN } }))).toBe(ADMIN_ORIGIN);
  });
});
