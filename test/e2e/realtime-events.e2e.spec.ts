import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { MessagesRepository } from '../../src/modules/messages/messages.repository';
import { registerMember, type Account, type ProjectInfo } from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { agentReply, startConversation } from '../factories/widget';
import type { HttpClient } from '../support/http';
import { connectAgent, connectWidget, emitWithAck, settle, socketTracker } from '../support/sockets';
import type { TestApp } from '../support/test-app';

describe('real time: typing, private notes and the resync edges', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let colleague: Account;
  let project: ProjectInfo;
  const { track, closeAll } = socketTracker();

  before(async () => {
    // The production default is 50; a small limit makes any typing that spends it show at once.
    ({ t, api, owner, project } = await startAppWithProject({
      env: { RATE_LIMIT_SOCKET_EVENTS_PER_10S: '5' },
      owner: 'Owner',
    }));
    colleague = await registerMember(api, owner, 'Colleague', 'agent');
  });
  after(async () => {
    closeAll();
    await t.close();
  });

  it('does not spend the send budget on typing, and throttles repeats', async () => {
    const s = await startConversation(api, project);
    const agent = await track(connectAgent(t.url, owner.token));
    const widget = await track(connectWidget(t.url, { visitorToken: s.token }));
    for (let i = 0; i < 40; i++) {
      widget.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
      agent.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
    }
    const send = (r: typeof agent) =>
      emitWithAck(r, 'message.send', {
        conversationId: s.conversationId,
        body: 'hi',
        clientMessageId: randomUUID(),
      });
    expect(await send(widget)).toMatchObject({ ok: true });
    expect(await send(agent)).toMatchObject({ ok: true });
    await settle();
    expect(agent.of('typing')).toHaveLength(1);
    expect(widget.of('typing')).toHaveLength(1);
    expect([...agent.of('error'), ...widget.of('error')]).toEqual([]);
  });

  it('shows note typing and socket-sent notes to agents only', async () => {
    const s = await startConversation(api, project);
    const agent = await track(connectAgent(t.url, owner.token));
    const other = await track(connectAgent(t.url, colleague.token));
    const widget = await track(connectWidget(t.url, { visitorToken: s.token }));

    agent.socket.emit('typing', { conversationId: s.conversationId, isTyping: true, private: true });
    expect(await other.waitFor('typing')).toEqual({
      conversationId: s.conversationId,
      side: 'agent',
      senderId: owner.userId,
      isTyping: true,
      private: true,
    });
    const note = await emitWithAck(agent, 'message.send', {
      conversationId: s.conversationId,
      body: 'internal only',
      clientMessageId: randomUUID(),
      private: true,
    });
    expect(note).toMatchObject({ ok: true, data: { message: { private: true } } });
    await other.waitFor('message.created', (p) => p.message.id === note.data.message.id);
    await settle();
    expect(widget.of('typing')).toEqual([]);
    expect(widget.of('message.created')).toEqual([]);
    expect(JSON.stringify(widget.events)).not.toContain('internal only');

    // Switching to the reply box shows the visitor a typing agent.
    agent.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
    expect(await widget.waitFor('typing')).toEqual({
      conversationId: s.conversationId,
      side: 'agent',
      isTyping: true,
    });

    const refused = await emitWithAck(widget, 'message.send', {
      conversationId: s.conversationId,
      body: 'x',
      clientMessageId: randomUUID(),
      private: true,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('stops a typing indicator when the typer disconnects', async () => {
    const s = await startConversation(api, project);
    const agent = await track(connectAgent(t.url, owner.token));
    const widget = await track(connectWidget(t.url, { visitorToken: s.token }));
    widget.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
    await agent.waitFor('typing', (p) => p.side === 'visitor' && p.isTyping);
    widget.close();
    expect(await agent.waitFor('typing', (p) => !p.isTyping)).toMatchObject({
      conversationId: s.conversationId,
      side: 'visitor',
      isTyping: false,
    });

    const back = await track(connectWidget(t.url, { visitorToken: s.token }));
    agent.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
    await back.waitFor('typing', (p) => p.isTyping);
    agent.close();
    expect(await back.waitFor('typing', (p) => !p.isTyping)).toEqual({
      conversationId: s.conversationId,
      side: 'agent',
      isTyping: false,
    });
  });

  it('delivers a message once when it arrives during the replay', async () => {
    const s = await startConversation(api, project);
    const missed = await agentReply(api, owner.token, s.conversationId, 'missed');
    const repo = t.app.get(MessagesRepository);
    const history = repo.history.bind(repo);
    const live: string[] = [];
    // Held deterministically: one message lands before the replay's query (so the query has it too),
    // one after it (only the held live event carries it).
    repo.history = (async (...args: Parameters<typeof history>) => {
      repo.history = history;
      live.push((await agentReply(api, owner.token, s.conversationId, 'before the query')).id);
      const page = await history(...args);
      live.push((await agentReply(api, owner.token, s.conversationId, 'after the query')).id);
      return page;
    }) as typeof history;
    try {
      const widget = await track(
        connectWidget(t.url, { visitorToken: s.token, lastSeqs: { [s.conversationId]: 1 } }),
      );
      const done = await widget.waitFor('resync.complete');
      expect(done).toEqual({
        conversations: { [s.conversationId]: missed.seq + 1 },
        hasMore: { [s.conversationId]: false },
        snapshots: { [s.conversationId]: expect.objectContaining({ id: s.conversationId }) },
      });
      await widget.waitFor('message.created', (p) => p.message.id === live[1]);
      await settle();
      expect(widget.of('message.created').map((p) => p.message.body)).toEqual([
        'missed',
        'before the query',
        'after the query',
      ]);
    } finally {
      repo.history = history;
    }
  });

  it('flags a conversation with more missed messages than one replay sends', async () => {
    const big = await startConversation(api, project);
    const small = await startConversation(api, project);
    await t.database.db.execute(sql`
      with c as (update conversations set last_seq = last_seq + 1005 where id = ${big.conversationId} returning last_seq)
      insert into messages (id, conversation_id, seq, sender, body, client_message_id)
      select gen_random_uuid(), ${big.conversationId}, c.last_seq - 1005 + g, 'agent', 'bulk ' || g, 'bulk-' || g
      from c, generate_series(1, 1005) g`);
    const widget = await track(
      connectWidget(t.url, { visitorToken: big.token, lastSeqs: { [big.conversationId]: 0 } }),
    );
    const done = await widget.waitFor('resync.complete', undefined, 15_000);
    expect(done).toEqual({
      conversations: { [big.conversationId]: 1000 },
      hasMore: { [big.conversationId]: true },
      snapshots: { [big.conversationId]: expect.objectContaining({ id: big.conversationId }) },
    });
    expect(widget.of('message.created')).toHaveLength(1000);

    const agent = await track(connectAgent(t.url, owner.token, { [small.conversationId]: 0 }));
    expect(await agent.waitFor('resync.complete')).toEqual({
      conversations: { [small.conversationId]: 1 },
      hasMore: { [small.conversationId]: false },
      snapshots: { [small.conversationId]: expect.objectContaining({ id: small.conversationId }) },
    });
  });
});
