import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount, uniqueEmail } from '../factories/accounts';
import { startConversation, widgetHeaders } from '../factories/widget';
import { countRows } from '../support/db';
import { expectError } from '../support/expect-error';
import { httpClient, type HttpClient } from '../support/http';
import { connectAgent, connectWidget, emitWithAck, type Recorder } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Nothing listens here: a Redis that is down. */
const DEAD_REDIS_URL = 'redis://127.0.0.1:6390';
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

const login = (api: HttpClient, email: string, forwardedFor?: string) =>
  api.post('/api/v1/auth/login', {
    body: { email, password: 'wrong-password' },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
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

  it('limits socket events per visitor and per agent, and disconnects a socket that keeps flooding', async () => {
    await withApp({ RATE_LIMIT_SOCKET_EVENTS_PER_10S: '3' }, async (t, api) => {
      const owner = await registerAccount(api);
      const project = await createProject(api, owner);
      const s = await startConversation(api, project);
      const f = await startConversation(api, project);
      const read = (r: Recorder, conversationId = s.conversationId) =>
        emitWithAck(r, 'read', { conversationId });
      const polite = await connectWidget(t.url, { visitorToken: s.token });
      const sibling = await connectWidget(t.url, { visitorToken: s.token });
      const flooder = await connectWidget(t.url, { visitorToken: f.token });
      const agentTabs = [await connectAgent(t.url, owner.token), await connectAgent(t.url, owner.token)];
      try {
        const acks = [];
        for (let i = 0; i < 4; i++) acks.push(await read(polite));
        expect(acks.map((a) => a.ok)).toEqual([true, true, true, false]);
        expect(acks[3].error.code).toBe('RATE_LIMITED');
        expect(acks[3].error.retryAfterMs).toBeGreaterThan(0);
        expect(acks[3].error.retryAfterMs).toBeLessThanOrEqual(10_000);
        // The visitor's other sockets share its budget: another socket buys no more events.
        expect(await read(sibling)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
        // So do an agent's.
        for (let i = 0; i < 3; i++) expect((await read(agentTabs[i % 2])).ok).toBe(true);
        expect(await read(agentTabs[1])).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });

        // Another visitor has its own budget; one that goes on past twice its budget is cut off.
        expect((await read(flooder, f.conversationId)).ok).toBe(true);
        const cutOff = new Promise((resolve, reject) => {
          flooder.socket.once('disconnect', resolve);
          setTimeout(() => reject(new Error('the flooding socket was not disconnected')), 5000).unref();
        });
        for (let i = 0; i < 10; i++) flooder.socket.emit('read', { conversationId: f.conversationId });
        expect(await cutOff).toBe('io server disconnect');
        expect(flooder.of('error').map((e) => e.code)).toContain('RATE_LIMITED');
        expect(polite.socket.connected).toBe(true);

        // `typing` has its own, larger allowance, but flooding it (valid or not) is cut off too.
        const typist = await connectWidget(t.url, { visitorToken: s.token });
        const typistCutOff = new Promise((resolve, reject) => {
          typist.socket.once('disconnect', resolve);
          setTimeout(() => reject(new Error('the typing flood was not disconnected')), 5000).unref();
        });
        for (let i = 0; i < 500; i++)
          typist.socket.emit(
            'typing',
            i % 2 ? { conversationId: s.conversationId, isTyping: i % 4 === 1 } : 'junk',
          );
        expect(await typistCutOff).toBe('io server disconnect');
      } finally {
        for (const r of [polite, sibling, flooder, ...agentTabs]) r.close();
      }
    });
  });

  it('can be switched off with RATE_LIMIT_ENABLED=false', async () => {
    await withApp({ RATE_LIMIT_AUTH_PER_MINUTE: '1', RATE_LIMIT_ENABLED: 'false' }, async (_t, api) => {
      const email = uniqueEmail('unlimited');
      for (let i = 0; i < 3; i++) expect((await login(api, email)).status).toBe(401);
    });
  });
});

describe('security: rate limits keyed on the real client', () => {
  it('ignores X-Forwarded-For when TRUST_PROXY is off', async () => {
    await withApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3' }, async (_t, api) => {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await login(api, uniqueEmail('xff'), `198.51.100.${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    });
  });

  it('trusts one proxy by default with TRUST_PROXY=true: a spoofed leftmost entry does not dodge the limit', async () => {
    await withApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3', TRUST_PROXY: 'true' }, async (_t, api) => {
      // The client writes any X-Forwarded-For it likes; the load balancer appends the address it saw.
      const viaProxy = (spoofed: string) => `${spoofed}, 203.0.113.5`;
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await login(api, uniqueEmail('spoof'), viaProxy(`198.51.100.${i}`))).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Another client behind the same proxy has its own budget.
      expect((await login(api, uniqueEmail('other'), '198.51.100.1, 203.0.113.6')).status).toBe(401);
    });
  });

  it('counts an email once whatever its case or surrounding spaces', async () => {
    await withApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3', TRUST_PROXY: 'true' }, async (_t, api) => {
      const email = uniqueEmail('victim');
      const variants = [email, email.toUpperCase(), `  ${email} `];
      for (const [i, variant] of variants.entries()) {
        expect([400, 401]).toContain((await login(api, variant, `192.0.2.${i}`)).status);
      }
      expectError(await login(api, ` ${email.replace(/^v/, 'V')}`, '192.0.2.9'), 429, 'RATE_LIMITED');
    });
  });

  it('keeps limiting in memory while Redis is unreachable', async () => {
    await withApp(
      { RATE_LIMIT_AUTH_PER_MINUTE: '3', REDIS_URL: DEAD_REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix() },
      async (_t, api) => {
        const email = uniqueEmail('outage');
        for (let i = 0; i < 3; i++) expect((await login(api, email)).status).toBe(401);
        expectError(await login(api, email), 429, 'RATE_LIMITED');
      },
    );
  });

  it('counts visitors made by token-less widget sessions per IP and project', async () => {
    await withApp({ RATE_LIMIT_CONVERSATIONS_PER_HOUR: '2' }, async (t, api) => {
      const owner = await registerAccount(api);
      const [project, other] = [await createProject(api, owner), await createProject(api, owner)];
      const session = (key: string, token?: string) =>
        api.post('/api/v1/widget/session', { headers: widgetHeaders(key, token), body: {} });
      const before = await countRows(t, 'visitors');
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await session(project.publicKey)).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect(await countRows(t, 'visitors')).toBe(before + 2);
      expect((await session(other.publicKey)).status).toBe(200);
      // A visitor that already has a token is not a new one.
      const known = await startConversation(api, other);
      expect((await session(other.publicKey, known.token)).status).toBe(200);
    });
  });
});
