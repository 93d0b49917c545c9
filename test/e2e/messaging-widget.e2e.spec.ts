import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount, type Account, type ProjectInfo } from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { agentReply, startConversation, visitorSend, widgetHeaders } from '../factories/widget';
import type { HttpClient } from '../support/http';
import { countRows, lockConversation } from '../support/db';
import type { TestApp } from '../support/test-app';

describe('widget messaging API', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject());
  });
  after(() => t.close());

  const history = (conversationId: string, token: string, query = '') =>
    api.get(`/api/v1/messages/conversations/${conversationId}${query}`, {
      headers: { 'x-visitor-token': token },
    });

  it('runs a visitor flow: first message, token, second message, ordered history over 3 pages', async () => {
    const first = await visitorSend(api, project, '  Hi there  ', undefined, { visitor: { name: 'Vera' } });
    expect(first.status).toBe(201);
    expect(first.message).toMatchObject({ body: 'Hi there', sender: 'visitor', seq: 1, private: false });
    expect(first.conversation).toMatchObject({
      id: first.message.conversationId,
      status: 'open',
      lastSeq: 1,
    });
    expect(typeof first.visitorToken).toBe('string');
    const session = { token: first.visitorToken, conversationId: first.conversation.id };

    const second = await visitorSend(api, project, 'second', session);
    expect(second.message.seq).toBe(2);
    for (let i = 3; i <= 25; i++) await visitorSend(api, project, `m${i}`, session);

    const page1 = await history(session.conversationId, session.token, '?limit=10');
    expect(page1.status).toBe(200);
    expect(page1.body.data.map((m: any) => m.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(page1.body.meta).toEqual({ hasMore: true, nextCursor: '16' });
    const page2 = await history(
      session.conversationId,
      session.token,
      `?limit=10&before=${page1.body.meta.nextCursor}`,
    );
    expect(page2.body.data.map((m: any) => m.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const page3 = await history(
      session.conversationId,
      session.token,
      `?limit=10&before=${page2.body.meta.nextCursor}`,
    );
    expect(page3.body.data.map((m: any) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(page3.body.meta).toEqual({ hasMore: false, nextCursor: null });
    expect(page3.body.data[0].body).toBe('Hi there');

    const forward = await history(session.conversationId, session.token, '?after=20&limit=3');
    expect(forward.body.data.map((m: any) => m.seq)).toEqual([21, 22, 23]);
    expect(forward.body.meta).toEqual({ hasMore: true, nextCursor: '23' });

    const list = await api.get('/api/v1/widget/conversations', {
      headers: widgetHeaders(project.publicKey, session.token),
    });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ id: session.conversationId, lastSeq: 25, unreadCount: 0 });
  });

  it("pages the visitor's own conversations by last activity", async () => {
    const first = await startConversation(api, project);
    const opened = [first.conversationId];
    for (const body of ['second question', 'third question'])
      opened.push((await visitorSend(api, project, body, { token: first.token })).conversation.id);
    const list = (query: string) =>
      api.get(`/api/v1/widget/conversations${query}`, {
        headers: widgetHeaders(project.publicKey, first.token),
      });
    const page1 = await list('?limit=2');
    expect(page1.body.data.map((c: { id: string }) => c.id)).toEqual([opened[2], opened[1]]);
    expect(page1.body.meta.hasMore).toBe(true);
    const page2 = await list(`?limit=2&cursor=${page1.body.meta.nextCursor}`);
    expect(page2.body.data.map((c: { id: string }) => c.id)).toEqual([opened[0]]);
    expect(page2.body.meta).toEqual({ hasMore: false, nextCursor: null });
    const bad = await list('?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_CURSOR');
  });

  it('never shows a conversation to another visitor, another project, or a random id', async () => {
    const a = await startConversation(api, project);
    const b = await startConversation(api, project);
    const otherOwner = await registerAccount(api, 'Other');
    const otherProject = await createProject(api, otherOwner);

    const byOtherVisitor = await history(a.conversationId, b.token);
    expect(byOtherVisitor.status).toBe(404);
    expect(byOtherVisitor.body.error.code).toBe('CONVERSATION_NOT_FOUND');
    const random = await history(randomUUID(), a.token);
    expect(random.status).toBe(404);

    const foreignKey = await api.get(`/api/v1/messages/conversations/${a.conversationId}`, {
      headers: widgetHeaders(otherProject.publicKey, a.token),
    });
    expect(foreignKey.status).toBe(401);
    expect(foreignKey.body.error.code).toBe('VISITOR_TOKEN_INVALID');

    const unknownKey = await api.post('/api/v1/messages', {
      headers: widgetHeaders('pk_nope'),
      body: { body: 'x', clientMessageId: randomUUID() },
    });
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.body.error.code).toBe('PROJECT_KEY_INVALID');

    const writeIntoOthers = await api.post('/api/v1/messages', {
      headers: widgetHeaders(project.publicKey, b.token),
      body: { body: 'intrusion', clientMessageId: randomUUID(), conversationId: a.conversationId },
    });
    expect(writeIntoOthers.status).toBe(404);
    const aHistory = await history(a.conversationId, a.token);
    expect(aHistory.body.data.map((m: any) => m.body)).toEqual(['Hello!']);

    const otherTeamAgent = await api.get(`/api/v1/messages/conversations/${a.conversationId}`, {
      token: otherOwner.token,
    });
    expect(otherTeamAgent.status).toBe(404);
    const ownAgent = await api.get(`/api/v1/messages/conversations/${a.conversationId}`, {
      token: owner.token,
    });
    expect(ownAgent.status).toBe(200);
  });

  it('keeps private notes out of the widget history', async () => {
    const s = await startConversation(api, project);
    await agentReply(api, owner.token, s.conversationId, 'internal: VIP customer', true);
    await agentReply(api, owner.token, s.conversationId, 'How can I help?');
    const widget = await history(s.conversationId, s.token);
    expect(widget.body.data.map((m: any) => m.body)).toEqual(['Hello!', 'How can I help?']);
    // The visitor sees who answered: the agent's public name, nothing else of their account.
    expect(widget.body.data.map((m: any) => m.author)).toEqual([null, { name: 'Agent', avatarUrl: null }]);
    const agent = await api.get(`/api/v1/conversations/${s.conversationId}/messages`, { token: owner.token });
    expect(agent.body.data.map((m: any) => m.body)).toEqual([
      'Hello!',
      'internal: VIP customer',
      'How can I help?',
    ]);

    // A note written last does not show through the widget's sequences either.
    await agentReply(api, owner.token, s.conversationId, 'internal: refund approved', true);
    await api.post(`/api/v1/conversations/${s.conversationId}/read`, { token: owner.token, body: {} });
    const read = await api.post(`/api/v1/messages/conversations/${s.conversationId}/read`, {
      headers: widgetHeaders(project.publicKey, s.token),
      body: {},
    });
    expect(read.body.data.lastReadSeq).toBe(3);
    const list = await api.get('/api/v1/widget/conversations', {
      headers: widgetHeaders(project.publicKey, s.token),
    });
    const seen = list.body.data.find((c: { id: string }) => c.id === s.conversationId);
    expect(seen).toMatchObject({ lastSeq: 3, agentLastReadSeq: 3, visitorLastReadSeq: 3 });
    const forAgents = await api.get(`/api/v1/conversations/${s.conversationId}`, { token: owner.token });
    expect(forAgents.body.data).toMatchObject({ lastSeq: 4, lastPublicSeq: 3, agentLastReadSeq: 4 });
  });

  it("never hands back another sender's message for a reused clientMessageId", async () => {
    const s = await startConversation(api, project);
    const note = await api.post(`/api/v1/conversations/${s.conversationId}/messages`, {
      token: owner.token,
      body: { body: 'INTERNAL: fraud risk', clientMessageId: 'agent-2', private: true },
    });
    expect(note.status).toBe(201);
    const reuse = await api.post('/api/v1/messages', {
      headers: widgetHeaders(project.publicKey, s.token),
      body: { body: 'hi', clientMessageId: 'agent-2', conversationId: s.conversationId },
    });
    expect(reuse.status).toBe(409);
    expect(reuse.body.error.code).toBe('CLIENT_MESSAGE_ID_CONFLICT');
    expect(JSON.stringify(reuse.body)).not.toContain('fraud');
    const claimed = await api.post('/api/v1/messages', {
      headers: widgetHeaders(project.publicKey, s.token),
      body: { body: 'visitor first', clientMessageId: 'v-claim', conversationId: s.conversationId },
    });
    const agentReuse = await api.post(`/api/v1/conversations/${s.conversationId}/messages`, {
      token: owner.token,
      body: { body: 'reply', clientMessageId: 'v-claim' },
    });
    expect(claimed.status).toBe(201);
    expect(agentReuse.status).toBe(409);
  });

  it('stores exactly one row for 20 concurrent sends with one clientMessageId', async () => {
    const s = await startConversation(api, project);
    const clientMessageId = randomUUID();
    const release = await lockConversation(t, s.conversationId);
    const pending = Promise.all(
      Array.from({ length: 20 }, () =>
        api.post('/api/v1/messages', {
          headers: widgetHeaders(project.publicKey, s.token),
          body: { body: 'once', clientMessageId, conversationId: s.conversationId },
        }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await release();
    const sends = await pending;
    expect(sends.filter((r) => r.status === 201)).toHaveLength(1);
    expect(sends.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(sends.map((r) => r.body.data.message.id)).size).toBe(1);
    expect(await countRows(t, 'messages', `client_message_id = '${clientMessageId}'`)).toBe(1);
    // The losers changed nothing: the sequence has no gap and the next message follows on.
    const history = await api.get(`/api/v1/messages/conversations/${s.conversationId}`, {
      headers: widgetHeaders(project.publicKey, s.token),
    });
    const seqs = history.body.data.map((m: { seq: number }) => m.seq);
    expect(seqs).toEqual([1, 2]);
    const next = await api.post('/api/v1/messages', {
      headers: widgetHeaders(project.publicKey, s.token),
      body: { body: 'next', clientMessageId: randomUUID(), conversationId: s.conversationId },
    });
    expect(next.body.data.message.seq).toBe(3);
    expect(next.body.data.conversation.lastSeq).toBe(3);
  });

  it('makes opening a conversation idempotent per visitor', async () => {
    const s = await startConversation(api, project);
    const clientMessageId = randomUUID();
    const send = () =>
      api.post('/api/v1/messages', {
        headers: widgetHeaders(project.publicKey, s.token),
        body: { body: 'new topic', clientMessageId },
      });
    const [r1, r2] = await Promise.all([send(), send()]);
    expect([r1.status, r2.status].sort()).toEqual([200, 201]);
    expect(r1.body.data.conversation.id).toBe(r2.body.data.conversation.id);
    expect(r1.body.data.conversation.id).not.toBe(s.conversationId);
  });

  it('refuses bad input with a 400 envelope and writes nothing', async () => {
    const s = await startConversation(api, project);
    const before = await countRows(t, 'messages');
    const visitorsBefore = await countRows(t, 'visitors');
    const bad: unknown[] = [
      {},
      { clientMessageId: randomUUID() },
      { body: '', clientMessageId: randomUUID() },
      { body: '   ', clientMessageId: randomUUID() },
      { body: 'x'.repeat(5001), clientMessageId: randomUUID() },
      { body: 42, clientMessageId: randomUUID() },
      { body: 'ok', clientMessageId: 7 },
      { body: 'ok', clientMessageId: randomUUID(), conversationId: 'not-a-uuid' },
      { body: 'ok', clientMessageId: randomUUID(), unexpected: true },
      { body: null, clientMessageId: randomUUID() },
      { body: 'ok', clientMessageId: randomUUID(), visitor: { userHash: 'a'.repeat(64) } },
      [],
    ];
    for (const body of bad) {
      for (const token of [undefined, s.token]) {
        const res = await api.post('/api/v1/messages', {
          headers: widgetHeaders(project.publicKey, token),
          body,
        });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(typeof res.body.requestId).toBe('string');
      }
    }
    const badId = await api.get('/api/v1/messages/conversations/123', {
      headers: { 'x-visitor-token': s.token },
    });
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('INVALID_ID');
    const badLimit = await history(s.conversationId, s.token, '?limit=101');
    expect(badLimit.status).toBe(400);
    for (const query of ['?before=abc', '?before=', '?limit=0x10', '?after=1e2', '?limit=-0']) {
      const res = await history(s.conversationId, s.token, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    const badRead = await api.post(`/api/v1/messages/conversations/${s.conversationId}/read`, {
      headers: widgetHeaders(project.publicKey, s.token),
      body: { seq: 'all' },
    });
    expect(badRead.status).toBe(400);
    expect(await countRows(t, 'messages')).toBe(before);
    expect(await countRows(t, 'visitors')).toBe(visitorsBefore);
  });

  it('accepts exactly 5000 characters', async () => {
    const res = await visitorSend(api, project, 'y'.repeat(5000));
    expect(res.message.body).toHaveLength(5000);
  });
});
