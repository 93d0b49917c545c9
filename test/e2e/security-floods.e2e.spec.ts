import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { agentReply, startConversation, visitorSend, widgetHeaders } from '../factories/widget';
import { expectError } from '../support/expect-error';
import {
  connectAgent,
  connectWidget,
  emitWithAck,
  settle,
  socketTracker,
  type Recorder,
} from '../support/sockets';

/** The typing changes one visitor or agent may forward per 10 s (TYPING_BUDGET in socket-state.ts). */
const TYPING_BUDGET = 30;

/** Boots an app with a project and `env`, runs `fn`, always closes its sockets and the app. */
async function withApp(
  env: Record<string, string>,
  fn: (a: AppWithProject, track: (c: Promise<Recorder>) => Promise<Recorder>) => Promise<void>,
) {
  const a = await startAppWithProject({ env });
  const sockets = socketTracker();
  try {
    await fn(a, sockets.track);
  } finally {
    sockets.closeAll();
    await a.t.close();
  }
}

describe('security: read receipt, typing and handshake floods', () => {
  it('publishes message.read only when a read moves the marker', async () => {
    await withApp({}, async ({ t, api, owner, project }, track) => {
      const s = await startConversation(api, project);
      const agent = await track(connectAgent(t.url, owner.token));
      const widget = await track(connectWidget(t.url, { visitorToken: s.token }));
      const reply = await agentReply(api, owner.token, s.conversationId, 'How can I help?');
      const visitorRead = () =>
        api.post(`/api/v1/messages/conversations/${s.conversationId}/read`, {
          headers: widgetHeaders(project.publicKey, s.token),
          body: {},
        });

      const first = await visitorRead();
      expect(first.body.data).toEqual({
        conversationId: s.conversationId,
        side: 'visitor',
        lastReadSeq: reply.seq,
      });
      await agent.waitFor('message.read', (p) => p.side === 'visitor');
      // Repeats answer the same, over REST and the socket, but tell the agents nothing new.
      for (let i = 0; i < 5; i++) expect((await visitorRead()).body.data).toEqual(first.body.data);
      const again = await emitWithAck(widget, 'read', { conversationId: s.conversationId });
      expect(again).toEqual({ ok: true, data: first.body.data });
      // The agents' marker is already past their own reply: nothing to read until the visitor writes.
      const agentRead = () =>
        api.post(`/api/v1/conversations/${s.conversationId}/read`, { token: owner.token, body: {} });
      expect((await agentRead()).body.data).toMatchObject({ side: 'agent', lastReadSeq: reply.seq });
      await settle();
      expect(agent.of('message.read')).toEqual([
        { conversationId: s.conversationId, side: 'visitor', lastReadSeq: reply.seq },
      ]);
      expect(widget.of('message.read')).toEqual([]);

      const sent = await visitorSend(api, project, 'My order is late', s);
      expect((await agentRead()).body.data.lastReadSeq).toBe(sent.message.seq);
      const receipt = await widget.waitFor('message.read', (p) => p.side === 'agent');
      expect(receipt).toEqual({
        conversationId: s.conversationId,
        side: 'agent',
        lastReadSeq: sent.message.seq,
      });
    });
  });

  it('limits reads per visitor and per agent, REST and socket together (429 / error ack)', async () => {
    await withApp({ RATE_LIMIT_READS_PER_MINUTE: '3' }, async ({ t, api, owner, project }, track) => {
      const s = await startConversation(api, project);
      const other = await startConversation(api, project);
      const widget = await track(connectWidget(t.url, { visitorToken: s.token }));
      const restRead = (session: { token: string; conversationId: string }) =>
        api.post(`/api/v1/messages/conversations/${session.conversationId}/read`, {
          headers: widgetHeaders(project.publicKey, session.token),
          body: {},
        });
      const socketRead = (r: Recorder, conversationId: string) => emitWithAck(r, 'read', { conversationId });

      expect((await restRead(s)).status).toBe(200);
      expect((await socketRead(widget, s.conversationId)).ok).toBe(true);
      expect((await restRead(s)).status).toBe(200);
      const limited = await restRead(s);
      expectError(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      const ack = await socketRead(widget, s.conversationId);
      expect(ack).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      // Another visitor has its own budget.
      expect((await restRead(other)).status).toBe(200);

      const agent = await track(connectAgent(t.url, owner.token));
      const agentRead = () =>
        api.post(`/api/v1/conversations/${s.conversationId}/read`, { token: owner.token, body: {} });
      for (let i = 0; i < 2; i++) expect((await agentRead()).status).toBe(200);
      expect((await socketRead(agent, other.conversationId)).ok).toBe(true);
      expectError(await agentRead(), 429, 'RATE_LIMITED');
      expect(await socketRead(agent, other.conversationId)).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED' },
      });
    });
  });

  it('holds one visitor with 20 sockets to one typing budget', async () => {
    await withApp({}, async ({ t, api, owner, project }, track) => {
      const s = await startConversation(api, project);
      const agent = await track(connectAgent(t.url, owner.token));
      const tabs: Recorder[] = [];
      for (let i = 0; i < 20; i++) tabs.push(await track(connectWidget(t.url, { visitorToken: s.token })));
      // 80 changes, 4 per socket: each socket on its own stays far inside the budget.
      for (let round = 0; round < 4; round++) {
        for (const tab of tabs) {
          tab.socket.emit('typing', { conversationId: s.conversationId, isTyping: round % 2 === 0 });
        }
      }
      await agent.waitFor('typing');
      await settle(1000);
      const forwarded = agent.of('typing').filter((p) => p.side === 'visitor');
      expect(forwarded.length).toBeGreaterThan(0);
      expect(forwarded.length).toBeLessThanOrEqual(TYPING_BUDGET);
    });
  });

  it('refuses widget handshakes past the per-visitor limit', async () => {
    // Counted in Redis when the run has one (the limit is shared by every node), else in memory.
    const redis: Record<string, string> = process.env.REDIS_URL
      ? {
          REDIS_URL: process.env.REDIS_URL,
          RATE_LIMIT_KEY_PREFIX: `test-hs-${randomBytes(6).toString('hex')}`,
        }
      : {};
    await withApp({ RATE_LIMIT_HANDSHAKES_PER_MINUTE: '3', ...redis }, async ({ t, api, project }, track) => {
      const s = await startConversation(api, project);
      for (let i = 0; i < 3; i++) await track(connectWidget(t.url, { visitorToken: s.token }));
      const refused = await connectWidget(t.url, { visitorToken: s.token }).then(
        (r) => (r.close(), undefined),
        (err: Error & { data?: { code: string } }) => err,
      );
      expect(refused?.data).toEqual({ code: 'RATE_LIMITED' });
      expect(refused?.message).toMatch(/retry in \d+s/);
      // Another visitor, and a socket that has no visitor yet, still connect.
      const other = await startConversation(api, project);
      await track(connectWidget(t.url, { visitorToken: other.token }));
      await track(connectWidget(t.url, { projectKey: project.publicKey }));
    });
  });
});
