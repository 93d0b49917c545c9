import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, type Account, type ProjectInfo } from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { startConversation, widgetHeaders } from '../factories/widget';
import { countRows } from '../support/db';
import type { HttpClient } from '../support/http';
import { connectWidget } from '../support/sockets';
import type { TestApp } from '../support/test-app';

const hmac = (secret: string, externalId: string) =>
  createHmac('sha256', secret).update(externalId).digest('hex');

describe('widget identity verification, origins and visitor tokens', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let verifiedProject: ProjectInfo;

  before(async () => {
    ({
      t,
      api,
      owner,
      project: verifiedProject,
    } = await startAppWithProject({ project: { requireIdentityVerification: true } }));
  });
  after(() => t.close());

  /** Without a token: identifies through POST /widget/session (its answer if refused), then sends. */
  const send = async (project: ProjectInfo, visitor: Record<string, unknown>, token?: string) => {
    if (!token) {
      const session = await api.post('/api/v1/widget/session', {
        headers: widgetHeaders(project.publicKey),
        body: { visitor },
      });
      if (session.status !== 200) return session;
      token = session.body.data.visitorToken as string;
    }
    return api.post('/api/v1/messages', {
      headers: widgetHeaders(project.publicKey, token),
      body: { body: 'hello', clientMessageId: randomUUID(), visitor },
    });
  };

  it('accepts a valid HMAC, refuses a wrong or missing one, and writes nothing when refused', async () => {
    const before = await countRows(t, 'visitors');
    const wrong = await send(verifiedProject, {
      externalId: 'user-1',
      userHash: hmac('not-the-secret', 'user-1'),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('IDENTITY_VERIFICATION_FAILED');
    const missing = await send(verifiedProject, { externalId: 'user-1' });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('IDENTITY_VERIFICATION_FAILED');
    const otherId = await send(verifiedProject, {
      externalId: 'user-2',
      userHash: hmac(verifiedProject.secret, 'user-1'),
    });
    expect(otherId.status).toBe(401);
    expect(await countRows(t, 'visitors')).toBe(before);

    const ok = await send(verifiedProject, {
      externalId: 'user-1',
      userHash: hmac(verifiedProject.secret, 'user-1'),
    });
    expect(ok.status).toBe(201);
  });

  it('gives a verified user the same conversations on another device', async () => {
    const identity = {
      externalId: 'user-42',
      userHash: hmac(verifiedProject.secret, 'user-42'),
      name: 'Ada',
    };
    const laptop = await send(verifiedProject, identity);
    expect(laptop.status).toBe(201);
    const phone = await api.post('/api/v1/widget/session', {
      headers: widgetHeaders(verifiedProject.publicKey),
      body: { visitor: identity },
    });
    expect(phone.status).toBe(200);
    expect(phone.body.data.visitor).toMatchObject({
      id: laptop.body.data.visitorId,
      verified: true,
      name: 'Ada',
    });
    const list = await api.get('/api/v1/widget/conversations', {
      headers: widgetHeaders(verifiedProject.publicKey, phone.body.data.visitorToken),
    });
    expect(list.body.data.map((c: any) => c.id)).toEqual([laptop.body.data.conversation.id]);
  });

  it('never merges visitors on an unverified externalId', async () => {
    const open = await createProject(api, owner, { name: 'Open site' });
    const first = await send(open, { externalId: 'claimed-id' });
    const second = await send(open, { externalId: 'claimed-id' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.data.visitorId).not.toBe(first.body.data.visitorId);
    const list = await api.get('/api/v1/widget/conversations', {
      headers: widgetHeaders(open.publicKey, second.body.data.visitorToken),
    });
    expect(list.body.data.map((c: any) => c.id)).toEqual([second.body.data.conversation.id]);
  });

  it('shows the project secret only on create and rotate-secret', async () => {
    const get = await api.get(`/api/v1/projects/${verifiedProject.id}`, { token: owner.token });
    expect(get.body.data).not.toHaveProperty('secret');
    const list = await api.get('/api/v1/projects', { token: owner.token });
    expect(JSON.stringify(list.body)).not.toContain(verifiedProject.secret);
    const rotated = await api.post(`/api/v1/projects/${verifiedProject.id}/rotate-secret`, {
      token: owner.token,
    });
    expect(rotated.body.data.secret).toMatch(/^sk_/);
    expect(rotated.body.data.secret).not.toBe(verifiedProject.secret);
    const stale = await send(verifiedProject, {
      externalId: 'u',
      userHash: hmac(verifiedProject.secret, 'u'),
    });
    expect(stale.status).toBe(401);
    verifiedProject.secret = rotated.body.data.secret;
  });

  it('refuses foreign origins on REST and on the socket handshake', async () => {
    const site = await createProject(api, owner, { allowedOrigins: ['https://shop.example.com'] });
    const good = await api.post('/api/v1/widget/session', {
      headers: { ...widgetHeaders(site.publicKey), origin: 'https://shop.example.com' },
      body: {},
    });
    expect(good.status).toBe(200);
    const token = good.body.data.visitorToken;
    for (const origin of ['https://evil.example.com', undefined]) {
      const headers = { ...widgetHeaders(site.publicKey, token), ...(origin ? { origin } : {}) };
      const res = await api.get('/api/v1/widget/conversations', { headers });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
    }
    await expect(
      connectWidget(t.url, { visitorToken: token }, { origin: 'https://evil.example.com' }),
    ).rejects.toMatchObject({ data: { code: 'ORIGIN_NOT_ALLOWED' } });
    const allowed = await connectWidget(
      t.url,
      { visitorToken: token },
      { origin: 'https://shop.example.com' },
    );
    allowed.close();
  });

  it('lets a wildcard origin cover every subdomain, and only those', async () => {
    const site = await createProject(api, owner, { allowedOrigins: ['https://*.example.net'] });
    const send = (origin: string) =>
      api.post('/api/v1/widget/session', { headers: { ...widgetHeaders(site.publicKey), origin }, body: {} });
    for (const origin of ['https://shop.example.net', 'https://eu.shop.example.net'])
      expect((await send(origin)).status).toBe(200);
    for (const origin of [
      'https://example.net',
      'http://shop.example.net',
      'https://shop.example.net.evil.io',
    ])
      expect((await send(origin)).body.error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('keeps visitor tokens working after the public key rotates, but not the old key for new visitors', async () => {
    const site = await createProject(api, owner, { name: 'Rotating' });
    const s = await startConversation(api, site);
    const rotated = await api.post(`/api/v1/projects/${site.id}/rotate-key`, { token: owner.token });
    const newKey = rotated.body.data.publicKey;
    expect(newKey).not.toBe(site.publicKey);
    const fresh = await api.post('/api/v1/widget/session', {
      headers: widgetHeaders(site.publicKey),
      body: {},
    });
    expect(fresh.status).toBe(401);
    expect(fresh.body.error.code).toBe('PROJECT_KEY_INVALID');
    const existing = await api.post('/api/v1/messages', {
      headers: widgetHeaders(site.publicKey, s.token),
      body: { body: 'still here', clientMessageId: randomUUID(), conversationId: s.conversationId },
    });
    expect(existing.status).toBe(201);
    const withNewKey = await api.get('/api/v1/widget/config', { headers: widgetHeaders(newKey) });
    expect(withNewKey.status).toBe(200);
  });
});

describe('visitor token expiry', () => {
  it('refuses an expired token and renews a token past half its life', async () => {
    // JWT times are whole seconds: 4 s lifetime, renewal after 2.2 s, expiry checked at 4.7 s.
    const { t, api, project } = await startAppWithProject({ env: { VISITOR_TOKEN_EXPIRES_IN: '4s' } });
    try {
      const s = await startConversation(api, project);
      await new Promise((r) => setTimeout(r, 2200));
      const renewed = await api.get('/api/v1/widget/conversations', {
        headers: widgetHeaders(project.publicKey, s.token),
      });
      expect(renewed.status).toBe(200);
      const fresh = renewed.headers.get('x-visitor-token');
      expect(fresh).toBeTruthy();
      await new Promise((r) => setTimeout(r, 2500));
      const expired = await api.get('/api/v1/widget/conversations', {
        headers: widgetHeaders(project.publicKey, s.token),
      });
      expect(expired.status).toBe(401);
      expect(expired.body.error.code).toBe('VISITOR_TOKEN_INVALID');
      const withRenewed = await api.get('/api/v1/widget/conversations', {
        headers: widgetHeaders(project.publicKey, fresh!),
      });
      expect(withRenewed.status).toBe(200);
      expect(withRenewed.body.data.map((c: any) => c.id)).toEqual([s.conversationId]);
    } finally {
      await t.close();
    }
  });
});

describe('widget abuse limits', () => {
  it('limits new conversations per IP and project, messages per visitor, and socket events per connection', async () => {
    const { t, api, owner, project } = await startAppWithProject({
      env: {
        RATE_LIMIT_CONVERSATIONS_PER_HOUR: '3',
        RATE_LIMIT_MESSAGES_PER_MINUTE: '5',
        RATE_LIMIT_SOCKET_EVENTS_PER_10S: '4',
      },
    });
    try {
      const other = await createProject(api, owner, { name: 'Other site' });
      // A new visitor each time: its session, then the message that opens its conversation.
      const open = async (p: ProjectInfo) => {
        const session = await api.post('/api/v1/widget/session', {
          headers: widgetHeaders(p.publicKey),
          body: {},
        });
        if (session.status !== 200) return session;
        return api.post('/api/v1/messages', {
          headers: widgetHeaders(p.publicKey, session.body.data.visitorToken),
          body: { body: 'spam', clientMessageId: randomUUID() },
        });
      };
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await open(project)).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const limited = await open(project);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await open(other)).status).toBe(201);
      expect(await countRows(t, 'conversations')).toBe(4);

      const s = await startConversation(api, other);
      const sends = [];
      for (let i = 0; i < 6; i++) {
        sends.push(
          (
            await api.post('/api/v1/messages', {
              headers: widgetHeaders(other.publicKey, s.token),
              body: { body: `m${i}`, clientMessageId: randomUUID(), conversationId: s.conversationId },
            })
          ).status,
        );
      }
      // The opening message was the visitor's first of its 5.
      expect(sends).toEqual([201, 201, 201, 201, 429, 429]);

      const socket = await connectWidget(t.url, { visitorToken: s.token });
      try {
        const acks = [];
        for (let i = 0; i < 6; i++) {
          acks.push(
            await socket.socket.timeout(5000).emitWithAck('read', { conversationId: s.conversationId }),
          );
        }
        expect(acks.map((a) => a.ok)).toEqual([true, true, true, true, false, false]);
        expect(acks[4].error.code).toBe('RATE_LIMITED');
        // Without an ack the refusal comes as an `error` event (typing has its own budget, not this limit).
        socket.socket.emit('message.send', {
          conversationId: s.conversationId,
          body: 'x',
          clientMessageId: randomUUID(),
        });
        expect((await socket.waitFor('error')).code).toBe('RATE_LIMITED');
      } finally {
        socket.close();
      }
    } finally {
      await t.close();
    }
  });

  it('counts socket-opened conversations per client IP, read through trusted proxies', async () => {
    const { t, api, project } = await startAppWithProject({
      env: { RATE_LIMIT_CONVERSATIONS_PER_HOUR: '1', TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '1' },
    });
    try {
      // Each visitor's session from an address of its own (sessions have their own per-IP limit).
      let sessions = 0;
      const session = async () => {
        const res = await api.post('/api/v1/widget/session', {
          headers: { ...widgetHeaders(project.publicKey), 'x-forwarded-for': `192.0.2.${++sessions}` },
          body: {},
        });
        return res.body.data.visitorToken as string;
      };
      const openFrom = async (ip: string) => {
        const socket = await connectWidget(
          t.url,
          { visitorToken: await session() },
          { 'x-forwarded-for': ip },
        );
        try {
          return await socket.socket
            .timeout(5000)
            .emitWithAck('message.send', { body: 'hello', clientMessageId: randomUUID() });
        } finally {
          socket.close();
        }
      };
      expect((await openFrom('203.0.113.7')).ok).toBe(true);
      const second = await openFrom('203.0.113.7');
      expect(second).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect((await openFrom('198.51.100.9')).ok).toBe(true);
    } finally {
      await t.close();
    }
  });
});
