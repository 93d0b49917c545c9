import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { PresenceService } from '../../src/modules/presence/presence.service';
import { AgentGateway } from '../../src/realtime/agent.gateway';
import { createProject, registerAccount, type Account } from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { startConversation } from '../factories/widget';
import { httpClient, type HttpClient } from '../support/http';
import { connect, connectAgent, connectWidget, settle, socketTracker } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

describe('real time: sessions, origins and presence', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  const { track, closeAll } = socketTracker();

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
    owner = await registerAccount(api, 'Owner');
  });
  after(async () => {
    closeAll();
    await t.close();
  });

  const agentsOnline = async (publicKey: string): Promise<boolean> =>
    (await api.get('/api/v1/widget/config', { headers: { 'x-project-key': publicKey } })).body.data
      .agentsOnline;

  it('lets onto /agent the origins HTTP CORS lets read the admin API', async () => {
    const origin = (o: string) => ({ origin: o });
    // No CORS_ORIGINS: same-origin only, as for HTTP.
    await expect(
      connect(t.url, '/agent', { token: owner.token }, origin('https://evil.example')),
    ).rejects.toMatchObject({
      data: { code: 'ORIGIN_NOT_ALLOWED' },
    });
    await track(connect(t.url, '/agent', { token: owner.token }, origin(t.url)));

    const listed = await startTestApp({ CORS_ORIGINS: 'https://dash.example' });
    const any = await startTestApp({ CORS_ORIGINS: '*' });
    try {
      const listedUser = await registerAccount(httpClient(listed.url));
      await expect(
        connect(listed.url, '/agent', { token: listedUser.token }, origin('https://evil.example')),
      ).rejects.toMatchObject({ data: { code: 'ORIGIN_NOT_ALLOWED' } });
      await track(connect(listed.url, '/agent', { token: listedUser.token }, origin('https://dash.example')));
      const anyUser = await registerAccount(httpClient(any.url));
      await track(connect(any.url, '/agent', { token: anyUser.token }, origin('https://evil.example')));
    } finally {
      closeAll();
      await listed.close();
      await any.close();
    }
  });

  it('keeps a long-lived agent session open and ends an expired visitor token', async () => {
    const env = { JWT_EXPIRES_IN: '30d', VISITOR_TOKEN_EXPIRES_IN: '2s' };
    const { t: app, api: sApi, owner: user, project: p } = await startAppWithProject({ env });
    try {
      const v = await startConversation(sApi, p);
      const agent = await track(connectAgent(app.url, user.token));
      const widget = await track(connectWidget(app.url, { visitorToken: v.token }));
      const closed = new Promise<string>((resolve) => widget.socket.once('disconnect', resolve));
      await widget.waitFor('session.expired', undefined, 4000);
      expect(await closed).toBe('io server disconnect');
      expect(agent.socket.connected).toBe(true);
      expect(agent.of('session.expired')).toEqual([]);
    } finally {
      closeAll();
      await app.close();
    }
  });

  it('leaves no presence behind when an agent drops during its resync', async () => {
    const solo = await registerAccount(api, 'Dropper');
    const p = await createProject(api, solo);
    // Conversations the agent may not read still cost the resync a query each: a wide window.
    const lastSeqs = Object.fromEntries(Array.from({ length: 100 }, () => [randomUUID(), 0]));
    const agent = await connectAgent(t.url, solo.token, lastSeqs);
    agent.close();
    await settle(1500);
    expect(await agentsOnline(p.publicKey)).toBe(false);
  });

  it('announces presence that changed without anyone leaving (a crashed node)', async () => {
    const solo = await registerAccount(api, 'Ghost');
    const p = await createProject(api, solo);
    const widget = await track(connectWidget(t.url, { projectKey: p.publicKey }));
    const presence = t.app.get(PresenceService);
    const heartbeat = () => t.app.get(AgentGateway).refreshPresence();

    // Another node's agent, whose node then dies: its entry appears, later expires, with no event.
    await presence.join([p.id], solo.userId, 'socket-on-a-dead-node');
    await heartbeat();
    expect(await widget.waitFor('presence')).toEqual({ projectId: p.id, online: true });
    await presence.leave([p.id], solo.userId, 'socket-on-a-dead-node');
    await heartbeat();
    expect(await widget.waitFor('presence', (e) => !e.online)).toEqual({ projectId: p.id, online: false });
    await heartbeat();
    await settle();
    expect(widget.of('presence')).toHaveLength(2);
  });
});
