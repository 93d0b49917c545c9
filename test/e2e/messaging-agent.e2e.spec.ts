import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import {
  addMember,
  createProject,
  registerAccount,
  registerMember,
  type Account,
  type ProjectInfo,
} from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { agentReply, startConversation, visitorSend, widgetHeaders } from '../factories/widget';
import { countRows, lockConversation } from '../support/db';
import type { HttpClient } from '../support/http';
import { ConversationsService } from '../../src/modules/conversations/conversations.service';
import type { TestApp } from '../support/test-app';

describe('agent conversations API', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let agent: Account;
  let project: ProjectInfo;
  let otherProject: ProjectInfo;

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject({ owner: 'Owner' }));
    agent = await registerMember(api, owner, 'Agent', 'agent');
    otherProject = await createProject(api, owner, { name: 'Docs site' });
  });
  after(() => t.close());

  const inbox = (token: string, query = '') => api.get(`/api/v1/conversations${query}`, { token });
  const conversation = async (id: string) =>
    (await api.get(`/api/v1/conversations/${id}`, { token: agent.token })).body.data;

  it('lists, filters, replies, assigns, resolves and reopens, with unread counts', async () => {
    const s = await startConversation(api, project, 'My order is late');
    await visitorSend(api, project, 'Order #42', s);
    await startConversation(api, otherProject, 'Docs question');

    const all = await inbox(agent.token, `?projectId=${project.id}`);
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(1);
    expect(all.body.data[0]).toMatchObject({
      id: s.conversationId,
      status: 'open',
      unreadCount: 2,
      lastMessagePreview: 'Order #42',
      assigneeId: null,
    });
    expect((await inbox(agent.token)).body.data).toHaveLength(2);

    const reply = await agentReply(api, agent.token, s.conversationId, 'Let me check');
    expect(reply).toMatchObject({ sender: 'agent', authorId: agent.userId, seq: 3, private: false });
    expect(await conversation(s.conversationId)).toMatchObject({ unreadCount: 0, agentLastReadSeq: 3 });

    const assign = await api.patch(`/api/v1/conversations/${s.conversationId}`, {
      token: agent.token,
      body: { assigneeId: agent.userId },
    });
    expect(assign.status).toBe(200);
    expect(assign.body.data.assigneeId).toBe(agent.userId);
    expect((await inbox(agent.token, '?assignee=me')).body.data.map((c: any) => c.id)).toEqual([
      s.conversationId,
    ]);
    expect((await inbox(owner.token, '?assignee=me')).body.data).toHaveLength(0);
    expect((await inbox(owner.token, `?assignee=${agent.userId}`)).body.data).toHaveLength(1);
    expect((await inbox(owner.token, '?assignee=none')).body.data).toHaveLength(1);

    const resolve = await api.patch(`/api/v1/conversations/${s.conversationId}`, {
      token: agent.token,
      body: { status: 'resolved' },
    });
    expect(resolve.body.data.status).toBe('resolved');
    expect((await inbox(agent.token, '?status=resolved')).body.data.map((c: any) => c.id)).toEqual([
      s.conversationId,
    ]);
    expect((await inbox(agent.token, `?status=open&projectId=${project.id}`)).body.data).toHaveLength(0);

    await visitorSend(api, project, 'Still nothing', s);
    const reopened = await conversation(s.conversationId);
    expect(reopened).toMatchObject({ status: 'open', unreadCount: 1, lastSeq: 4 });

    const read = await api.post(`/api/v1/conversations/${s.conversationId}/read`, {
      token: agent.token,
      body: {},
    });
    expect(read.body.data).toEqual({ conversationId: s.conversationId, side: 'agent', lastReadSeq: 4 });
    expect((await conversation(s.conversationId)).unreadCount).toBe(0);

    // Widget side: the agent reply is unread until the visitor marks it.
    const widgetList = await api.get('/api/v1/widget/conversations', {
      headers: { 'x-visitor-token': s.token },
    });
    expect(widgetList.body.data[0].unreadCount).toBe(0);
    await agentReply(api, agent.token, s.conversationId, 'Found it');
    await agentReply(api, agent.token, s.conversationId, 'note to self', true);
    const widgetAfter = await api.get('/api/v1/widget/conversations', {
      headers: { 'x-visitor-token': s.token },
    });
    expect(widgetAfter.body.data[0].unreadCount).toBe(1);
    const visitorRead = await api.post(`/api/v1/messages/conversations/${s.conversationId}/read`, {
      headers: { 'x-visitor-token': s.token },
      body: { seq: 5 },
    });
    expect(visitorRead.body.data).toMatchObject({ side: 'visitor', lastReadSeq: 5 });
  });

  it('snoozes until a time and reopens when the visitor writes', async () => {
    const s = await startConversation(api, project);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const snooze = await api.patch(`/api/v1/conversations/${s.conversationId}`, {
      token: owner.token,
      body: { status: 'snoozed', snoozedUntil: until },
    });
    expect(snooze.body.data).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    await visitorSend(api, project, 'hello?', s);
    expect(await conversation(s.conversationId)).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  it('wakes a snoozed conversation when its time comes and refuses a time in the past', async () => {
    const s = await startConversation(api, project);
    const past = await api.patch(`/api/v1/conversations/${s.conversationId}`, {
      token: owner.token,
      body: { status: 'snoozed', snoozedUntil: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(past.status).toBe(400);
    // Far future (year 10000 once the offset applies: PostgreSQL cannot store it) is refused, not a 500.
    for (const snoozedUntil of [
      '9999-12-31T23:59:59-23:59',
      new Date(Date.now() + 400 * 86_400_000).toISOString(),
    ]) {
      const far = await api.patch(`/api/v1/conversations/${s.conversationId}`, {
        token: owner.token,
        body: { status: 'snoozed', snoozedUntil },
      });
      expect(far.status).toBe(400);
      expect(far.body.error.code).toBe('VALIDATION_FAILED');
    }
    const soon = new Date(Date.now() + 800).toISOString();
    await api.patch(`/api/v1/conversations/${s.conversationId}`, {
      token: owner.token,
      body: { status: 'snoozed', snoozedUntil: soon },
    });
    const conversations = t.app.get(ConversationsService);
    expect((await conversation(s.conversationId)).status).toBe('snoozed');
    await new Promise((r) => setTimeout(r, 1000));
    await conversations.wakeSnoozed();
    expect(await conversation(s.conversationId)).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(await conversations.wakeSnoozed()).toBe(0);
  });

  it('pages the inbox by last activity with a cursor', async () => {
    const fresh = await registerAccount(api, 'Pager');
    const p = await createProject(api, fresh);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await startConversation(api, p, `c${i}`)).conversationId);
    const first = await inbox(fresh.token, '?limit=2');
    expect(first.body.data.map((c: any) => c.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.meta.hasMore).toBe(true);
    const second = await inbox(fresh.token, `?limit=2&cursor=${first.body.meta.nextCursor}`);
    expect(second.body.data.map((c: any) => c.id)).toEqual([ids[2], ids[1]]);
    const third = await inbox(fresh.token, `?limit=2&cursor=${second.body.meta.nextCursor}`);
    expect(third.body.data.map((c: any) => c.id)).toEqual([ids[0]]);
    expect(third.body.meta).toEqual({ hasMore: false, nextCursor: null });
  });

  it('pages through conversations whose activity falls in the same millisecond', async () => {
    const fresh = await registerAccount(api, 'Micro');
    const p = await createProject(api, fresh);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await startConversation(api, p, `c${i}`)).conversationId);
    // Microseconds apart, one millisecond: a cursor cut to milliseconds would skip rows.
    await t.database.db.execute(
      sql.raw(`update conversations set last_message_at = '2026-01-01T00:00:00.123000Z'::timestamptz
        + (array_position(array['${ids.join("','")}']::uuid[], id) * interval '100 microseconds')
        where id in ('${ids.join("','")}')`),
    );
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 6; page++) {
      const res = await inbox(fresh.token, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.data.map((c: any) => c.id));
      if (!res.body.meta.nextCursor) break;
      cursor = res.body.meta.nextCursor;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it("shows the visitor's profile and metadata, bounded at 50 keys", async () => {
    const first = await visitorSend(api, project, 'Hello', undefined, {
      visitor: { name: 'Ann', email: 'ann@example.com', metadata: { plan: 'pro', seats: 3 } },
    });
    const id = first.conversation.id;
    expect((await api.get(`/api/v1/conversations/${id}`, { token: agent.token })).body.data.visitor).toEqual({
      id: expect.any(String),
      name: 'Ann',
      email: 'ann@example.com',
      externalId: null,
      verified: false,
      metadata: { plan: 'pro', seats: 3 },
      lastSeenAt: expect.any(String),
    });
    const session = (metadata: Record<string, number>) =>
      api.post('/api/v1/widget/session', {
        headers: widgetHeaders(project.publicKey, first.visitorToken),
        body: { visitor: { metadata } },
      });
    expect((await session({ seats: 4, logins: 9 })).status).toBe(200);
    const merged = await api.get(`/api/v1/conversations/${id}`, { token: agent.token });
    expect(merged.body.data.visitor.metadata).toEqual({ plan: 'pro', seats: 4, logins: 9 });
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect((await session(fifty)).status).toBe(200);
    const bounded = await api.get(`/api/v1/conversations/${id}`, { token: agent.token });
    expect(bounded.body.data.visitor.metadata).toEqual(fifty);
  });

  it('never leaves a conversation assigned to a member removed while it was being assigned', async () => {
    const leaving = await registerAccount(api, 'Leaving');
    await addMember(api, owner, leaving, 'agent');
    const s = await startConversation(api, project);
    // The PATCH passes its membership check, then waits on the row while the member is removed.
    const release = await lockConversation(t, s.conversationId);
    const assigning = api.patch(`/api/v1/conversations/${s.conversationId}`, {
      token: owner.token,
      body: { assigneeId: leaving.userId },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const removing = api.delete(`/api/v1/teams/${owner.teamId}/members/${leaving.userId}`, {
      token: owner.token,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await release();
    expect((await removing).status).toBe(204);
    expect([200, 400]).toContain((await assigning).status);
    expect((await conversation(s.conversationId)).assigneeId).toBeNull();
  });

  it("hides other teams' conversations and refuses foreign assignees", async () => {
    const s = await startConversation(api, project);
    const stranger = await registerAccount(api, 'Stranger');
    for (const [method, path, body] of [
      ['get', `/api/v1/conversations/${s.conversationId}`, undefined],
      ['get', `/api/v1/conversations/${s.conversationId}/messages`, undefined],
      ['patch', `/api/v1/conversations/${s.conversationId}`, { status: 'resolved' }],
      [
        'post',
        `/api/v1/conversations/${s.conversationId}/messages`,
        { body: 'hi', clientMessageId: randomUUID() },
      ],
      ['post', `/api/v1/conversations/${s.conversationId}/read`, {}],
    ] as const) {
      const res = await api.request(method.toUpperCase(), path, { token: stranger.token, body });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('CONVERSATION_NOT_FOUND');
    }
    expect((await inbox(stranger.token)).body.data).toEqual([]);
    const foreignProject = await inbox(stranger.token, `?projectId=${project.id}`);
    expect(foreignProject.status).toBe(404);
    expect((await conversation(s.conversationId)).status).toBe('open');

    const badAssignee = await api.patch(`/api/v1/conversations/${s.conversationId}`, {
      token: owner.token,
      body: { assigneeId: stranger.userId },
    });
    expect(badAssignee.status).toBe(400);
    expect(badAssignee.body.error.code).toBe('ASSIGNEE_NOT_MEMBER');
  });

  it('refuses bad input on every agent route and writes nothing', async () => {
    const s = await startConversation(api, project);
    const messagesBefore = await countRows(t, 'messages');
    const cases: [string, string, unknown, string][] = [
      ['GET', '/api/v1/conversations?status=closed', undefined, 'VALIDATION_FAILED'],
      ['GET', '/api/v1/conversations?limit=0', undefined, 'VALIDATION_FAILED'],
      ['GET', '/api/v1/conversations?assignee=someone', undefined, 'VALIDATION_FAILED'],
      ['GET', '/api/v1/conversations?cursor=garbage', undefined, 'INVALID_CURSOR'],
      ['GET', '/api/v1/conversations/not-a-uuid', undefined, 'INVALID_ID'],
      ['GET', `/api/v1/conversations/${s.conversationId}/messages?after=-1`, undefined, 'VALIDATION_FAILED'],
      ['PATCH', `/api/v1/conversations/${s.conversationId}`, {}, 'VALIDATION_FAILED'],
      ['PATCH', `/api/v1/conversations/${s.conversationId}`, { status: 'done' }, 'VALIDATION_FAILED'],
      ['PATCH', `/api/v1/conversations/${s.conversationId}`, { assigneeId: 'me' }, 'VALIDATION_FAILED'],
      [
        'PATCH',
        `/api/v1/conversations/${s.conversationId}`,
        { snoozedUntil: 'tomorrow', status: 'snoozed' },
        'VALIDATION_FAILED',
      ],
      ['POST', `/api/v1/conversations/${s.conversationId}/messages`, { body: 'x' }, 'VALIDATION_FAILED'],
      [
        'POST',
        `/api/v1/conversations/${s.conversationId}/messages`,
        { body: 'x'.repeat(5001), clientMessageId: 'a' },
        'VALIDATION_FAILED',
      ],
      [
        'POST',
        `/api/v1/conversations/${s.conversationId}/messages`,
        { body: 'x', clientMessageId: 'a', private: 'yes' },
        'VALIDATION_FAILED',
      ],
      ['POST', '/api/v1/conversations/123/messages', { body: 'x', clientMessageId: 'a' }, 'INVALID_ID'],
      ['POST', `/api/v1/conversations/${s.conversationId}/read`, { seq: -5 }, 'VALIDATION_FAILED'],
    ];
    for (const [method, path, body, code] of cases) {
      const res = await api.request(method, path, { token: owner.token, body });
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 400, code });
    }
    expect(await countRows(t, 'messages')).toBe(messagesBefore);
    expect((await conversation(s.conversationId)).status).toBe('open');
  });
});
