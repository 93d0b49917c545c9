import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { expectError } from '../support/expect-error';
import { httpClient, type HttpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('health and docs', () => {
  let t: TestApp;
  let api: HttpClient;

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
  });
  after(() => t.close());

  it('reports the database state without a token, outside the /api/v1 prefix', async () => {
    const res = await api.get('/health');
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('ok');
    expect(res.body.data.info.database).toEqual({ status: 'up', driver: t.database.driver });
    expectError(await api.get('/api/v1/health'), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers 503 SERVICE_UNAVAILABLE naming the database when it is unreachable', async () => {
    const ping = t.database.ping;
    t.database.ping = () => Promise.reject(new Error('connection refused'));
    try {
      const res = await api.get('/health');
      expectError(res, 503, 'SERVICE_UNAVAILABLE');
      // The cause is logged, not shown on this public route.
      expect(res.body.error.details).toEqual([{ path: 'database', message: 'down' }]);
    } finally {
      t.database.ping = ping;
    }
    expect((await api.get('/health')).status).toBe(200);
  });

  it('serves the OpenAPI document with every foundation route and both security schemes', async () => {
    const res = await api.get('/docs-json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const path of [
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/v1/teams',
      '/api/v1/teams/{id}',
      '/api/v1/teams/{id}/members/{userId}',
      '/api/v1/teams/{id}/invitations',
      '/api/v1/invitations/accept',
      '/api/v1/projects',
      '/api/v1/projects/{id}',
      '/api/v1/projects/{id}/rotate-key',
      '/api/v1/projects/{id}/rotate-secret',
      '/health',
    ]) {
      expect(paths).toContain(path);
    }
    expect(Object.keys(res.body.components.securitySchemes)).toEqual(
      expect.arrayContaining(['bearer', 'project-key']),
    );
    const register = res.body.paths['/api/v1/auth/register'].post;
    expect(register.requestBody.content['application/json'].schema).toBeDefined();
    expect(register.responses['201']).toBeDefined();
    // Every operation documents the error envelope (a shared response); path ids are UUIDs.
    const { Error: error } = res.body.components.responses;
    expect(error.content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBody');
    for (const [path, item] of Object.entries<Record<string, any>>(res.body.paths)) {
      for (const op of Object.values<any>(item)) {
        expect({ path, ref: op.responses.default?.$ref }).toEqual({
          path,
          ref: '#/components/responses/Error',
        });
        for (const p of (op.parameters ?? []).filter((p: any) => p.in === 'path'))
          expect(p.schema).toEqual({ type: 'string', format: 'uuid' });
      }
    }
  });
});
