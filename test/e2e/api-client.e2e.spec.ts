import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { API_TYPES_FILE, renderApiTypes } from '../../scripts/api-types';
import { ApiError, createClient, type ApiClient } from '../../web/shared/api/client';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';

describe('the typed API client (web/shared/api)', () => {
  let s: AppWithProject;
  let api: ApiClient;

  before(async () => {
    s = await startAppWithProject();
    api = createClient({ baseUrl: s.t.url, headers: () => ({ authorization: `Bearer ${s.owner.token}` }) });
  });
  after(() => s.t.close());

  it('has committed types generated from the current document (else run `npm run gen:api`)', async () => {
    const doc = (await s.api.get('/docs-json')).body;
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    expect(committed === (await renderApiTypes(doc))).toBe(true);
  });

  it('calls typed paths with path parameters and query, resolving to the data envelope', async () => {
    const me = await api.get('/api/v1/auth/me');
    expect(me.data.id).toBe(s.owner.userId);
    const project = await api.get('/api/v1/projects/{id}', { params: { id: s.project.id } });
    expect(project.data.publicKey).toBe(s.project.publicKey);
    const inbox = await api.get('/api/v1/conversations', { query: { limit: '5' } });
    expect(inbox.data).toEqual([]);
    expect(inbox.meta?.hasMore).toBe(false);
  });

  it('posts no body when a route needs none, and hands each response to onResponse', async () => {
    const seen: (string | null)[] = [];
    const widget = createClient({
      baseUrl: s.t.url,
      headers: () => ({ 'x-project-key': s.project.publicKey }),
      onResponse: (res) => seen.push(res.headers.get('x-request-id')),
    });
    const session = await widget.post('/api/v1/widget/session');
    expect(typeof session.data.visitorToken).toBe('string');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeTruthy();
  });

  it('throws the error envelope as an ApiError with status, code and request id', async () => {
    const missing = '0190a4c4-7a7e-7c3e-8e2a-1b2c3d4e5f60';
    const err = await api.get('/api/v1/projects/{id}', { params: { id: missing } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'PROJECT_NOT_FOUND' });
    expect((err as ApiError).requestId).toBeTruthy();
    const bad = await api.post('/api/v1/teams', { body: { name: '' } }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((bad as ApiError).details?.[0]?.path).toBe('name');
  });
});

/** Compile-time checks only (tsc runs over test/): never called. */
export function typeChecks(api: ApiClient): void {
  // @ts-expect-error not a path of the API
  void api.get('/api/v1/nope');
  // @ts-expect-error a GET-only path has no POST
  void api.post('/api/v1/auth/me');
  // @ts-expect-error the path parameter is required
  void api.get('/api/v1/projects/{id}');
  // @ts-expect-error the body is required and typed
  void api.post('/api/v1/teams', { body: { name: 1 } });
  void api.get('/api/v1/widget/config').then((r) => {
    const greeting: string | null = r.data.greeting;
    // @ts-expect-error greeting is a nullable string, not string[]
    const wrong: string[] = r.data.greeting;
    return [greeting, wrong];
  });
}
