import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import {
  createProject,
  registerAccount,
  registerMember,
  type Account,
  type ProjectInfo,
} from '../factories/accounts';
import { agentReply, openSession, startConversation, visitorSend, widgetHeaders } from '../factories/widget';
import { countRows } from '../support/db';
import { httpClient, type HttpClient } from '../support/http';
import { ConversationsService } from '../../src/modules/conversations/conversations.service';
import { OutboxDispatcher } from '../../src/platform/outbox/outbox.dispatcher';
import type { OutboxEvent } from '../../src/platform/outbox/outbox.repository';
import { startTestApp, type TestApp } from '../support/test-app';

type Row = { id: number; type: string; payload: any };

async function outboxRows(t: TestApp, after = 0): Promise<Row[]> {
  const res = await t.database.db.execute(
    sql`select id::int, type, payload from outbox where id > ${after} order by id`,
  );
  return (res as unknown as { rows: Row[] }).rows;
}

const lastOutboxId = async (t: TestApp) => (await outboxRows(t)).at(-1)?.id ?? 0;

describe('outbox: written with each write it reports', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;

  before(async () => {
    t = await startTestApp();
    // Rows stay in the table for the assertions: nothing dispatches them.
    t.app.get(OutboxDispatcher).pause();
    api = httpClient(t.url);
    owner = await registerAccount(api, 'Owner');
    project = await createProject(api, owner);
  });
  after(() => t.close());

  it('records the first message with its visitor and conversation, then each later write', async () => {
    const from = await lastOutboxId(t);
    const s = await startConversation(api, project, 'Hello');
    const opened = await outboxRows(t, from);
    expect(opened.map((r) => r.type)).toEqual(['visitor.created', 'conversation.created', 'message.created']);
    expect(opened[1].payload.conversation).toMatchObject({ id: s.conversationId, status: 'open' });
    expect(opened[2].payload.message).toMatchObject({ body: 'Hello', seq: 1, sender: 'visitor' });
    expect(opened[2].payload.conversation).toMatchObject({ id: s.conversationId, last_seq: 1 });
    expect(opened[2].payload.conversation).not.toHaveProperty('previous_status');

    await api.post(`/api/v1/conversations/${s.conversationId}/read`, { token: owner.token, body: {} });
    const reply = await agentReply(api, owner.token, s.conversationId, 'Hi there');
    const patch = (body: unknown) =>
      api.patch(`/api/v1/conversations/${s.conversationId}`, { token: owner.token, body });
    expect((await patch({ status: 'resolved' })).status).toBe(200);
    expect((await patch({ status: 'resolved' })).status).toBe(200); // no change: no row
    await visitorSend(api, project, 'Still there?', s); // reopens it
    const later = await outboxRows(t, opened.at(-1)!.id);
    expect(later.map((r) => [r.type, r.payload.changes])).toEqual([
      ['message.read', undefined],
      ['message.created', undefined],
      ['conversation.updated', ['status']],
      ['conversation.updated', ['status']],
      ['message.created', undefined],
    ]);
    expect(later[0].payload).toMatchObject({ side: 'agent', last_read_seq: 1, reader_id: owner.userId });
    expect(later[0].payload.conversation).not.toHaveProperty('read_before');
    expect(later[1].payload.message.id).toBe(reply.id);
    expect(later[2].payload.conversation.status).toBe('resolved');
    expect(later[3].payload.conversation.status).toBe('open');
  });

  it('has exactly one message.created row for every stored message', async () => {
    const s = await startConversation(api, project);
    await Promise.all(Array.from({ length: 20 }, (_, i) => visitorSend(api, project, `m${i}`, s)));
    const messages = await countRows(t, 'messages', `conversation_id = '${s.conversationId}'`);
    const rows = (await outboxRows(t)).filter(
      (r) => r.type === 'message.created' && r.payload.message.conversation_id === s.conversationId,
    );
    expect(messages).toBe(21);
    expect(new Set(rows.map((r) => r.payload.message.id)).size).toBe(21);
    expect(rows).toHaveLength(21);
  });

  it('writes rows only for real changes: a read that moves no marker or a returning visitor with nothing new writes none', async () => {
    const s = await startConversation(api, project);
    const read = () =>
      api.post(`/api/v1/conversations/${s.conversationId}/read`, { token: owner.token, body: {} });
    const session = (visitor: Record<string, unknown>) =>
      api.post('/api/v1/widget/session', { headers: widgetHeaders(project.publicKey), body: { visitor } });
    const externalId = `user-${s.conversationId}`;
    const userHash = createHmac('sha256', project.secret).update(externalId).digest('hex');
    const from = await lastOutboxId(t);
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200);
    expect((await session({ externalId, userHash })).status).toBe(200);
    expect((await session({ externalId, userHash })).status).toBe(200);
    expect((await session({ externalId, userHash, name: 'Ada' })).status).toBe(200);
    const rows = await outboxRows(t, from);
    expect(rows.map((r) => r.type)).toEqual(['message.read', 'visitor.created', 'visitor.updated']);
    expect(rows[1].payload.visitor).toMatchObject({ external_id: externalId, verified: true, name: null });
    expect(rows[1].payload.visitor).not.toHaveProperty('inserted');
    expect(rows[2].payload.visitor).toMatchObject({ external_id: externalId, name: 'Ada' });
  });

  it("records the background changes too: snoozes that wake, and a removed member's conversations", async () => {
    const agent = await registerMember(api, owner, 'Agent', 'agent');
    const s = await startConversation(api, project);
    const patch = (body: unknown) =>
      api.patch(`/api/v1/conversations/${s.conversationId}`, { token: owner.token, body });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await patch({ status: 'snoozed', snoozedUntil: later, assigneeId: agent.userId })).status).toBe(
      200,
    );
    await t.database.db.execute(
      sql`update conversations set snoozed_until = now() - interval '1 second' where id = ${s.conversationId}`,
    );
    const from = await lastOutboxId(t);
    expect(await t.app.get(ConversationsService).wakeSnoozed()).toBe(1);
    const removed = await api.delete(`/api/v1/teams/${owner.teamId}/members/${agent.userId}`, {
      token: owner.token,
    });
    expect(removed.status).toBe(204);
    const rows = await outboxRows(t, from);
    expect(rows.map((r) => [r.type, r.payload.changes])).toEqual([
      ['conversation.updated', ['status', 'snoozedUntil']],
      ['conversation.updated', ['assigneeId']],
    ]);
    expect(rows[0].payload.conversation).toMatchObject({
      id: s.conversationId,
      status: 'open',
      snoozed_until: null,
    });
    expect(rows[1].payload.conversation).toMatchObject({ id: s.conversationId, assignee_id: null });
  });

  it('writes one row for concurrent sends of one clientMessageId', async () => {
    const s = await startConversation(api, project);
    const from = await lastOutboxId(t);
    const send = () =>
      api.post('/api/v1/messages', {
        headers: widgetHeaders(project.publicKey, s.token),
        body: { body: 'once only', clientMessageId: 'racing', conversationId: s.conversationId },
      });
    const statuses = (await Promise.all(Array.from({ length: 10 }, send))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect((await outboxRows(t, from)).map((r) => r.type)).toEqual(['message.created']);
  });

  it('writes no row for an idempotent repeat or a send that finds no conversation', async () => {
    const s = await startConversation(api, project);
    const from = await lastOutboxId(t);
    const body = { body: 'once', clientMessageId: 'repeat-me', conversationId: s.conversationId };
    const headers = widgetHeaders(project.publicKey, s.token);
    expect((await api.post('/api/v1/messages', { headers, body })).status).toBe(201);
    expect((await api.post('/api/v1/messages', { headers, body })).status).toBe(200);
    const missing = { ...body, clientMessageId: 'x', conversationId: '01a2338e-0000-7000-8000-000000000000' };
    expect((await api.post('/api/v1/messages', { headers, body: missing })).status).toBe(404);
    expect((await outboxRows(t, from)).map((r) => r.type)).toEqual(['message.created']);
  });

  it('leaves no row, visitor or conversation behind when the append fails', async () => {
    // A failure inside the message insert, after the conversation and visitor were written.
    await t.database.db.execute(
      sql.raw(`create or replace function fail_on_boom() returns trigger language plpgsql as $$
        begin if new.body = 'boom' then raise exception 'boom'; end if; return new; end $$`),
    );
    await t.database.db.execute(
      sql.raw(`create trigger messages_fail_on_boom before insert on messages
        for each row execute function fail_on_boom()`),
    );
    try {
      const s = await startConversation(api, project);
      const counts = async () => ({
        outbox: await countRows(t, 'outbox'),
        visitors: await countRows(t, 'visitors'),
        conversations: await countRows(t, 'conversations'),
        messages: await countRows(t, 'messages'),
      });
      const fresh = await openSession(api, project);
      const before = await counts();
      const first = await api.post('/api/v1/messages', {
        headers: widgetHeaders(project.publicKey, fresh),
        body: { body: 'boom', clientMessageId: 'first-boom' },
      });
      const later = await api.post('/api/v1/messages', {
        headers: widgetHeaders(project.publicKey, s.token),
        body: { body: 'boom', clientMessageId: 'later-boom', conversationId: s.conversationId },
      });
      expect([first.status, later.status]).toEqual([500, 500]);
      expect(await counts()).toEqual(before);
      const conversation = await api.get(`/api/v1/conversations/${s.conversationId}`, { token: owner.token });
      expect(conversation.body.data.lastSeq).toBe(1);
    } finally {
      await t.database.db.execute(sql.raw('drop trigger messages_fail_on_boom on messages'));
    }
  });
  it('with no consumer, deletes rows unread once they are 15 minutes old, and not before', async () => {
    const waiting = await countRows(t, 'outbox');
    expect(waiting).toBeGreaterThan(1);
    const dispatcher = t.app.get(OutboxDispatcher);
    for (const name of ['notifications', 'webhooks']) dispatcher.unregister(name); // the app's own consumers (add new ones here)
    dispatcher.resume();
    expect(await dispatcher.drain()).toBe(0);
    await t.database.db.execute(sql`update outbox set available_at = now() - interval '16 minutes'
      where id = (select min(id) from outbox)`);
    expect(await dispatcher.drain()).toBe(1);
    expect(await countRows(t, 'outbox')).toBe(waiting - 1);
  });
});

describe('outbox: dispatch', () => {
  let t: TestApp;
  let api: HttpClient;
  let project: ProjectInfo;
  const seen: OutboxEvent[] = [];
  let failNext = 0;
  let gate: Promise<void> | undefined;
  let entered: () => void = () => undefined;

  before(async () => {
    t = await startTestApp();
    t.app.get(OutboxDispatcher).register({
      name: 'recorder',
      handle: async (event) => {
        if (event.type === 'test.block' && gate) {
          entered();
          await gate;
        }
        if (failNext > 0 && event.type === 'message.created') {
          failNext -= 1;
          throw new Error('receiver down');
        }
        seen.push(event);
      },
    });
    api = httpClient(t.url);
    const owner = await registerAccount(api, 'Owner');
    project = await createProject(api, owner);
  });
  after(() => t.close());

  const until = async (check: () => Promise<boolean> | boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('hands every event to the consumers soon after its commit, and then deletes it', async () => {
    const s = await startConversation(api, project, 'one');
    await visitorSend(api, project, 'two', s);
    await until(() => seen.filter((e) => e.type === 'message.created').length >= 2);
    const bodies = seen
      .filter((e) => e.type === 'message.created')
      .map((e) => (e.payload.message as any).body);
    expect(bodies).toEqual(['one', 'two']);
    await until(async () => (await countRows(t, 'outbox')) === 0);
  });

  it('retries an event a consumer failed, and sets it aside after the last attempt', async () => {
    seen.length = 0;
    failNext = 1;
    const s = await startConversation(api, project, 'retried');
    await until(() => seen.some((e) => (e.payload.message as any)?.body === 'retried'), 15_000);
    const delivered = seen.find((e) => (e.payload.message as any)?.body === 'retried')!;
    expect(delivered.attempts).toBe(2);

    const dispatcher = t.app.get(OutboxDispatcher);
    dispatcher.pause();
    failNext = 1;
    await visitorSend(api, project, 'given up', s);
    await t.database.db.execute(sql`update outbox set attempts = 19 where type = 'message.created'`);
    dispatcher.resume();
    await dispatcher.drain();
    const [row] = await outboxRows(t);
    const failed = await t.database.db.execute(sql`select attempts, last_error, failed_at from outbox`);
    const [state] = (failed as unknown as { rows: any[] }).rows;
    expect(row.payload.message.body).toBe('given up');
    expect(state).toMatchObject({ attempts: 20, last_error: 'recorder: receiver down' });
    expect(state.failed_at).not.toBeNull();
    expect(await dispatcher.drain()).toBe(0); // set aside: never claimed again
  });
  it('hands a whole batch to a consumer that takes batches, and one by one when its batch fails', async () => {
    const dispatcher = t.app.get(OutboxDispatcher);
    const insertFive = async () => {
      dispatcher.pause();
      await t.database.db.execute(sql`insert into outbox (type, payload)
        select 'test.batch', jsonb_build_object('n', n) from generate_series(1, 5) n`);
      dispatcher.resume();
    };
    const batches: number[][] = [];
    const single: number[] = [];
    let refuseBatch = false;
    dispatcher.register({
      name: 'batcher',
      handle: async (e) => {
        if (e.payload.n === 3) throw new Error('bad event');
        single.push(e.payload.n as number);
      },
      handleBatch: async (events) => {
        if (refuseBatch) throw new Error('batch refused');
        batches.push(events.map((e) => e.payload.n as number));
      },
    });
    try {
      dispatcher.pause();
      await t.database.db.execute(sql`delete from outbox`);
      await insertFive();
      expect(await dispatcher.drain()).toBe(5);
      expect(batches).toEqual([[1, 2, 3, 4, 5]]);
      expect(single).toEqual([]);
      expect(await countRows(t, 'outbox')).toBe(0);

      refuseBatch = true;
      await insertFive();
      await dispatcher.drain();
      expect(single).toEqual([1, 2, 4, 5]);
      const left = await t.database.db.execute(sql`select payload->'n' as n, last_error from outbox`);
      expect((left as unknown as { rows: unknown[] }).rows).toEqual([
        { n: 3, last_error: 'batcher: bad event' },
      ]);
    } finally {
      dispatcher.unregister('batcher');
      await t.database.db.execute(sql`delete from outbox`);
    }
  });
  it('on shutdown, finishes the event in hand and gives the rest of its batch back', async () => {
    const dispatcher = t.app.get(OutboxDispatcher);
    dispatcher.pause();
    await t.database.db.execute(sql`delete from outbox`);
    await t.database.db.execute(sql`insert into outbox (type, payload)
      select 'test.block', jsonb_build_object('n', n) from generate_series(1, 5) n`);
    let release: () => void = () => undefined;
    gate = new Promise((r) => (release = r));
    const inHand = new Promise<void>((r) => (entered = r));
    dispatcher.resume();
    const draining = dispatcher.drain();
    await inHand;
    const stopped = dispatcher.beforeApplicationShutdown();
    release();
    await Promise.all([draining, stopped]);
    const left = await t.database.db.execute(
      sql`select attempts, available_at <= now() and leased_until is null as due from outbox`,
    );
    const rows = (left as unknown as { rows: { attempts: number; due: boolean }[] }).rows;
    expect(rows).toEqual(Array.from({ length: 4 }, () => ({ attempts: 0, due: true })));
    expect(seen.filter((e) => e.type === 'test.block')).toHaveLength(1);
  });
});

describe('outbox: two dispatchers on one PostgreSQL database', () => {
  let a: TestApp;
  let b: TestApp;

  before(async () => {
    a = await startTestApp({}, { driver: 'postgres' });
    b = await startTestApp({}, { database: { url: a.databaseUrl, drop: async () => undefined } });
  });
  after(async () => {
    await b.close();
    await a.close();
  });

  it('hands each row to exactly one of them while both drain at once', async () => {
    const got = { a: [] as number[], b: [] as number[] };
    for (const [name, t] of [
      ['a', a],
      ['b', b],
    ] as const) {
      t.app.get(OutboxDispatcher).register({
        name: 'recorder',
        handle: async (event) => {
          got[name].push(event.id);
          // Slow consumers keep both claims in flight at the same time.
          if (event.id % 50 === 0) await new Promise((r) => setTimeout(r, 5));
        },
      });
    }
    await a.database.db.execute(sql`insert into outbox (type, payload)
      select 'test.event', jsonb_build_object('n', n) from generate_series(1, 1000) n`);
    await Promise.all([a.app.get(OutboxDispatcher).drain(), b.app.get(OutboxDispatcher).drain()]);
    while ((await countRows(a, 'outbox')) > 0) await new Promise((r) => setTimeout(r, 20));
    const all = [...got.a, ...got.b];
    expect(all).toHaveLength(1000);
    expect(new Set(all).size).toBe(1000);
    expect(got.a.length).toBeGreaterThan(0);
    expect(got.b.length).toBeGreaterThan(0);
  });
});
