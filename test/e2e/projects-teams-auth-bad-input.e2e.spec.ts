import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import fc from 'fast-check';
import type { Account, ProjectInfo } from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import type { HttpClient } from '../support/http';
import type { TestApp } from '../support/test-app';

// Any string a client could send, including NUL characters and astral code points.
const anyString = fc.string({ unit: 'binary', maxLength: 40 });
const anyValue = fc.oneof(anyString, fc.jsonValue({ maxDepth: 2 }));
/** Objects with the route's own keys (so validation passes often enough to reach the database) plus junk. */
const bodyFor = (keys: string[]) =>
  fc.oneof(
    fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] }),
    fc.record(Object.fromEntries(keys.map((k) => [k, anyString]))),
    fc.jsonValue({ maxDepth: 2 }),
  );

// Property: whatever the body, the answer is a 4xx or 2xx in the envelope, never a 500.
describe('bad input on auth, team and project routes', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject({ owner: 'Owner' }));
  });
  after(() => t.close());

  const routes = (): Array<[string, string, string[]]> => [
    ['post', '/api/v1/auth/register', ['email', 'password', 'name', 'teamName']],
    ['post', '/api/v1/auth/login', ['email', 'password']],
    ['post', '/api/v1/auth/refresh', ['refreshToken']],
    ['post', '/api/v1/teams', ['name']],
    ['patch', `/api/v1/teams/${owner.teamId}`, ['name']],
    ['post', `/api/v1/teams/${owner.teamId}/invitations`, ['email', 'role']],
    ['patch', `/api/v1/teams/${owner.teamId}/members/${owner.userId}`, ['role']],
    ['post', '/api/v1/invitations/accept', ['token']],
    [
      'post',
      '/api/v1/projects',
      ['teamId', 'name', 'allowedOrigins', 'settings', 'requireIdentityVerification'],
    ],
    [
      'patch',
      `/api/v1/projects/${project.id}`,
      ['name', 'allowedOrigins', 'settings', 'requireIdentityVerification'],
    ],
  ];

  it('never answers a generated body with a 5xx', async () => {
    for (const [method, path, keys] of routes()) {
      await fc.assert(
        fc.asyncProperty(bodyFor(keys), async (body) => {
          const res = await api.request(method.toUpperCase(), path, { token: owner.token, body });
          expect({ path, body, status: res.status < 500 }).toEqual({ path, body, status: true });
          if (res.status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
        }),
        { numRuns: 40 },
      );
    }
  });

  it('never answers generated path ids, query strings or tokens with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyString, anyString, async (id, junk) => {
        const paths = [
          `/api/v1/teams/${encodeURIComponent(id)}`,
          `/api/v1/projects/${encodeURIComponent(id)}`,
          `/api/v1/projects?teamId=${encodeURIComponent(id)}`,
          `/api/v1/projects?${encodeURIComponent(junk)}=${encodeURIComponent(id)}`,
        ];
        for (const path of paths) {
          const res = await api.get(path, { token: owner.token });
          expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
        }
        const token = Buffer.from(junk).toString('base64url');
        const me = await api.get('/api/v1/auth/me', { token: `${token}.${token}.${token}` });
        expect(me.status).toBe(401);
      }),
      { numRuns: 40 },
    );
  });
});
