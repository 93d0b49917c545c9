import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { registerMember, type Account } from '../factories/accounts';
import { PNG_1x1, upload } from '../factories/attachments';
import { agentReply, openSession, startConversation, visitorSend, widgetHeaders } from '../factories/widget';
import { expectError } from '../support/expect-error';
import { rowCounts } from '../support/row-counts';
import { connectWidget, emitWithAck, socketTracker } from '../support/sockets';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { OutboxDispatcher } from '../../src/platform/outbox/outbox.dispatcher';
import { WebhookDeliveryService } from '../../src/modules/webhooks/webhook-delivery.service';

type Rows<T> = { rows: T[] };

// Contacts: block (nothing written), unblock, erase (no row left anywhere), export; admin-only where it must be.
describe('contacts and blocking', () => {
  let s: AppWithProject;
  let agent: Account;
  let receiver: WebhookReceiver;
  const { track, closeAll } = socketTracker();
  /** Every pending event recorded as deliveries and every due attempt made. */
  const settle = async () => {
    await s.t.app.get(OutboxDispatcher).drain();
    await s.t.app.get(WebhookDeliveryService).idle();
  };

  const visitorIdOf = async (token: string) =>
    (
      await s.api.post('/api/v1/widget/session', {
        headers: widgetHeaders(s.project.publicKey, token),
        body: {},
      })
    ).body.data.visitor.id as string;
  const patch = (token: string, id: string, body: unknown) =>
    s.api.request('PATCH', `/api/v1/visitors/${id}`, { token, body });

  /** Rows of every table whose text (any column) contains one of `needles`. */
  const rowsMentioning = async (needles: string[]): Promise<Record<string, number>> => {
    const db = s.t.database.db;
    const tables = (await db.execute(
      sql.raw(`select tablename from pg_tables where schemaname = 'public'`),
    )) as unknown as Rows<{ tablename: string }>;
    const found: Record<string, number> = {};
    for (const { tablename } of tables.rows) {
      const where = needles.map((n) => `t::text like '%${n}%'`).join(' or ');
      const r = (await db.execute(
        sql.raw(`select count(*)::int as n from "${tablename}" t where ${where}`),
      )) as unknown as Rows<{ n: number }>;
      if (Number(r.rows[0].n) > 0) found[tablename] = Number(r.rows[0].n);
    }
    return found;
  };

  before(async () => {
    // A webhook receiver on 127.0.0.1 (the erase test checks delivery rows go with the visitor).
    s = await startAppWithProject({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });
    agent = await registerMember(s.api, s.owner, 'ContactsAgent', 'agent');
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    closeAll();
    await s.t.close();
    await receiver.close();
  });

  it("lists, reads and edits a project's visitors", async () => {
    const token = await openSession(s.api, s.project, { name: 'Ann Example', email: 'ann@example.com' });
    const id = await visitorIdOf(token);
    const list = await s.api.get(`/api/v1/projects/${s.project.id}/visitors?q=ann%40ex`, {
      token: agent.token,
    });
    expect(list.body.data.map((v: { id: string }) => v.id)).toEqual([id]);
    const edited = await patch(agent.token, id, { name: 'Ann E.', metadata: { plan: 'pro' } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({
      name: 'Ann E.',
      email: 'ann@example.com',
      metadata: { plan: 'pro' },
      blocked: false,
    });
    expect((await s.api.get(`/api/v1/visitors/${id}`, { token: agent.token })).body.data.name).toBe('Ann E.');
    expectError(await patch(agent.token, id, {}), 400, 'VALIDATION_FAILED');
    expectError(await patch(agent.token, id, { resolveOpen: true }), 400, 'VALIDATION_FAILED');
    expectError(
      await s.api.get(`/api/v1/visitors/${randomUUID()}`, { token: agent.token }),
      404,
      'VISITOR_NOT_FOUND',
    );
  });

  it('blocks a visitor: REST and socket sends and new sessions write nothing; open conversations resolve; unblock restores', async () => {
    const chat = await startConversation(s.api, s.project, 'spam spam spam');
    const id = await visitorIdOf(chat.token);
    const blocked = await patch(agent.token, id, { blocked: true, resolveOpen: true });
    expect(blocked.status).toBe(200);
    expect(blocked.body.data).toMatchObject({
      blocked: true,
      resolvedConversationIds: [chat.conversationId],
    });
    const conversation = await s.api.get(`/api/v1/conversations/${chat.conversationId}`, {
      token: agent.token,
    });
    expect(conversation.body.data.status).toBe('resolved');
    // Ratings on: the resolved conversation would be rateable, were the visitor not blocked.
    const csatOn = await s.api.patch(`/api/v1/projects/${s.project.id}`, {
      token: s.owner.token,
      body: { settings: { csat: { enabled: true } } },
    });
    expect(csatOn.status).toBe(200);

    const before = await rowCounts(s.t);
    const headers = widgetHeaders(s.project.publicKey, chat.token);
    const send = (body: Record<string, unknown>) =>
      s.api.post('/api/v1/messages', {
        headers,
        body: { body: 'more spam', clientMessageId: randomUUID(), ...body },
      });
    expectError(await send({ conversationId: chat.conversationId }), 403, 'VISITOR_BLOCKED');
    expectError(await send({}), 403, 'VISITOR_BLOCKED');
    expectError(await send({ visitor: { name: 'Renamed' } }), 403, 'VISITOR_BLOCKED');
    expectError(
      await s.api.post('/api/v1/widget/session', { headers, body: { visitor: { name: 'x' } } }),
      403,
      'VISITOR_BLOCKED',
    );
    const socket = await track(
      connectWidget(s.t.url, { projectKey: s.project.publicKey, visitorToken: chat.token }),
    );
    for (const conversationId of [chat.conversationId, undefined]) {
      const ack = await emitWithAck(socket, 'message.send', {
        conversationId,
        body: 'socket spam',
        clientMessageId: randomUUID(),
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'VISITOR_BLOCKED' } });
    }
    const uploaded = await upload(s.t.url, {
      headers,
      conversationId: chat.conversationId,
      bytes: PNG_1x1,
      filename: 'spam.png',
    });
    expectError(uploaded, 403, 'VISITOR_BLOCKED');
    expectError(
      await s.api.post(`/api/v1/widget/conversations/${chat.conversationId}/rating`, {
        headers,
        body: { score: 1, comment: 'spam' },
      }),
      403,
      'VISITOR_BLOCKED',
    );
    expect(await rowCounts(s.t)).toEqual(before);
    expect((await s.api.get(`/api/v1/visitors/${id}`, { token: agent.token })).body.data.name).toBeNull();

    const unblocked = await patch(agent.token, id, { blocked: false });
    expect(unblocked.body.data).toMatchObject({
      blocked: false,
      blockedAt: null,
      resolvedConversationIds: [],
    });
    const again = await visitorSend(s.api, s.project, 'sorry', {
      token: chat.token,
      conversationId: chat.conversationId,
    });
    expect(again.status).toBe(201);
    const viaSocket = await emitWithAck(socket, 'message.send', {
      conversationId: chat.conversationId,
      body: 'sorry again',
      clientMessageId: randomUUID(),
    });
    expect(viaSocket.ok).toBe(true);
  });

  it('blocks and resolves in one transaction: a resolve that fails leaves the visitor unblocked and nothing resolved', async () => {
    const chat = await startConversation(s.api, s.project, 'first conversation');
    const second = await visitorSend(s.api, s.project, 'second conversation', { token: chat.token });
    const secondId = second.conversation.id as string;
    const id = await visitorIdOf(chat.token);
    const db = s.t.database.db;
    // The second resolve fails in the database, after the block and the first resolve were written.
    await db.execute(
      sql.raw(`create function fail_one_resolve() returns trigger language plpgsql as $$
        begin
          if new.id = '${secondId}' and new.status = 'resolved' then raise exception 'resolve failed'; end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(`create trigger fail_one_resolve before update on conversations
        for each row execute function fail_one_resolve()`),
    );
    try {
      const res = await patch(s.owner.token, id, { blocked: true, resolveOpen: true });
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('INTERNAL_ERROR');
    } finally {
      await db.execute(sql`drop trigger fail_one_resolve on conversations`);
      await db.execute(sql`drop function fail_one_resolve()`);
    }
    const visitor = await s.api.get(`/api/v1/visitors/${id}`, { token: s.owner.token });
    expect(visitor.body.data).toMatchObject({ blocked: false, blockedAt: null });
    const states = (await db.execute(
      sql`select status from conversations where visitor_id = ${id} order by id`,
    )) as unknown as Rows<{ status: string }>;
    expect(states.rows).toEqual([{ status: 'open' }, { status: 'open' }]);
  });

  it("lists the visitor's conversations", async () => {
    const chat = await startConversation(s.api, s.project, 'first');
    const second = await visitorSend(s.api, s.project, 'second', { token: chat.token });
    const id = await visitorIdOf(chat.token);
    const res = await s.api.get(`/api/v1/visitors/${id}/conversations?limit=1`, { token: agent.token });
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([second.conversation.id]);
    const next = await s.api.get(
      `/api/v1/visitors/${id}/conversations?limit=1&cursor=${res.body.meta.nextCursor}`,
      {
        token: agent.token,
      },
    );
    expect(next.body.data.map((c: { id: string }) => c.id)).toEqual([chat.conversationId]);
    expect(next.body.meta.hasMore).toBe(false);
  });

  it('exports everything about a visitor (admins only)', async () => {
    const chat = await startConversation(s.api, s.project, 'export me');
    await agentReply(s.api, s.owner.token, chat.conversationId, 'a note about them', true);
    const id = await visitorIdOf(chat.token);
    expectError(
      await s.api.get(`/api/v1/visitors/${id}/export`, { token: agent.token }),
      403,
      'INSUFFICIENT_ROLE',
    );
    // What other features keep about them: a file's metadata, a rating, the email opt-out, the block.
    const db = s.t.database.db;
    const [first] = (
      (await db.execute(
        sql`select id from messages where conversation_id = ${chat.conversationId} order by seq limit 1`,
      )) as unknown as Rows<{ id: string }>
    ).rows;
    await db.execute(sql`insert into attachments
        (id, project_id, conversation_id, message_id, sender, storage_key, name, size, content_type)
      values (gen_random_uuid(), ${s.project.id}, ${chat.conversationId}, ${first.id}, 'visitor',
        'test/key', 'receipt.pdf', 1234, 'application/pdf')`);
    await db.execute(sql`insert into ratings (id, conversation_id, project_id, score, comment)
      values (gen_random_uuid(), ${chat.conversationId}, ${s.project.id}, 4, 'quick answer')`);
    await db.execute(sql`update visitors set email_opt_out_at = now() where id = ${id}`);
    expect((await patch(s.owner.token, id, { blocked: true })).status).toBe(200);

    const res = await s.api.get(`/api/v1/visitors/${id}/export`, { token: s.owner.token });
    expect(res.status).toBe(200);
    expect(res.body.data.visitor).toMatchObject({ id, blocked: true });
    expect(res.body.data.emailOptOutAt).toEqual(expect.any(String));
    expect(res.body.data.conversations).toHaveLength(1);
    expect(res.body.data.conversations[0].attachments).toEqual([
      expect.objectContaining({
        messageId: first.id,
        sender: 'visitor',
        name: 'receipt.pdf',
        size: 1234,
        contentType: 'application/pdf',
      }),
    ]);
    expect(res.body.data.conversations[0].attachments[0]).not.toHaveProperty('storageKey');
    expect(res.body.data.conversations[0].rating).toMatchObject({ score: 4, comment: 'quick answer' });
    expect(
      res.body.data.conversations[0].messages.map((m: { body: string; private: boolean }) => [
        m.body,
        m.private,
      ]),
    ).toEqual([
      ['export me', false],
      ['a note about them', true],
    ]);
  });

  it('erases a visitor (admins only): no row of theirs is left in any table, and visitor.erased carries ids only', async () => {
    const hook = await s.api.post(`/api/v1/projects/${s.project.id}/webhooks`, {
      token: s.owner.token,
      body: { url: receiver.url, includePrivate: true },
    });
    expect(hook.status).toBe(201);
    await settle();
    const countsBefore = await rowCounts(s.t);
    const chat = await startConversation(s.api, s.project, 'erase me please, my email is erase@example.com');
    await visitorSend(
      s.api,
      s.project,
      'second conversation',
      { token: chat.token },
      { visitor: { email: 'erase@example.com' } },
    );
    const reply = await agentReply(s.api, s.owner.token, chat.conversationId, 'noted');
    const id = await visitorIdOf(chat.token);
    const needles = [id, chat.conversationId, reply.id, 'erase@example.com'];
    await settle();
    // Their profile and messages went out by webhook: the delivery log holds them too.
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(Object.keys(await rowsMentioning(needles))).toEqual(
      expect.arrayContaining(['visitors', 'conversations', 'messages', 'webhook_deliveries']),
    );

    expectError(
      await s.api.request('DELETE', `/api/v1/visitors/${id}`, { token: agent.token }),
      403,
      'INSUFFICIENT_ROLE',
    );
    const erased = await s.api.request('DELETE', `/api/v1/visitors/${id}`, { token: s.owner.token });
    expect(erased.status).toBe(204);

    // The only row left that names them: the visitor.erased event, with ids and nothing else.
    expect(await rowsMentioning(needles)).toEqual({ outbox: 1 });
    const events = (await s.t.database.db.execute(
      sql`select type, payload from outbox where payload::text like ${`%${id}%`}`,
    )) as unknown as Rows<{ type: string; payload: unknown }>;
    expect(events.rows).toEqual([
      { type: 'visitor.erased', payload: { visitorId: id, projectId: s.project.id } },
    ]);
    // Every table is back to its count before the visitor came (the outbox counts inserts, so it grew).
    const { 'outbox inserts': _o1, ...now } = await rowCounts(s.t);
    const { 'outbox inserts': _o2, ...then } = countsBefore;
    expect(now).toEqual(then);
    expectError(
      await s.api.get(`/api/v1/visitors/${id}`, { token: s.owner.token }),
      404,
      'VISITOR_NOT_FOUND',
    );
    expectError(
      await s.api.request('DELETE', `/api/v1/visitors/${id}`, { token: s.owner.token }),
      404,
      'VISITOR_NOT_FOUND',
    );
    // Their token opens no session for them any more.
    const res = await s.api.post('/api/v1/widget/session', {
      headers: widgetHeaders(s.project.publicKey, chat.token),
      body: {},
    });
    expectError(res, 401, 'VISITOR_TOKEN_INVALID');
  });
});
