import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { ConversationsRepository } from '../../src/modules/conversations/conversations.repository';
import { MessagesRepository, type AppendInput } from '../../src/modules/messages/messages.repository';
import { MessagesService } from '../../src/modules/messages/messages.service';
import { seedScenario, type Scenario } from '../factories/scenario';
import { startMedium, type MediumApp } from '../support/medium';
import { sqlRecorder, type SqlRecorder } from '../support/sql-recorder';
import { expectSqlSnapshot } from '../support/sql-snapshot';

describe('messages: the append statement and history (medium)', () => {
  let app: MediumApp;
  let s: Scenario;
  let repo: MessagesRepository;
  let conversations: ConversationsRepository;
  let recorder: SqlRecorder;

  before(async () => {
    app = await startMedium();
    recorder = sqlRecorder(app);
    s = await seedScenario(app);
    repo = app.get(MessagesRepository);
    conversations = app.get(ConversationsRepository);
  });
  after(() => app?.close());

  const conversation = async (id = s.conversationId) =>
    (await conversations.findForVisitor(id, s.visitor.id))!;
  const fromVisitor = (body: string, conversationId = s.conversationId): AppendInput => ({
    conversationId,
    visitorId: s.visitor.id,
    sender: 'visitor',
    body,
    clientMessageId: randomUUID(),
  });
  const fromAgent = (body: string, extra: Partial<AppendInput> = {}): AppendInput => ({
    conversationId: s.conversationId,
    sender: 'agent',
    authorId: s.agent.id,
    body,
    clientMessageId: randomUUID(),
    ...extra,
  });
  /** A new conversation of the scenario's visitor, opened with one message (seq 1). */
  const openConversation = async (): Promise<string> => {
    const opened = await app
      .get(MessagesService)
      .sendAsVisitor(s.visitor.widget, { body: 'New topic', clientMessageId: randomUUID() });
    return opened.conversation.id;
  };

  it('seeds visitor message, reply and note as seq 1, 2, 3; the note is not public', async () => {
    expect(s.messages.visitor).toMatchObject({ seq: 1, sender: 'visitor', private: false });
    expect(s.messages.reply).toMatchObject({ seq: 2, sender: 'agent', authorId: s.agent.id });
    expect(s.messages.note).toMatchObject({ seq: 3, private: true, authorId: s.admin.id });
    expect(await conversation()).toMatchObject({
      lastSeq: 3,
      lastPublicSeq: 2,
      lastMessagePreview: 'Happy to help',
      agentLastReadSeq: 3,
      visitorLastReadSeq: 1,
    });
  });

  it('gives each append the next seq and moves the conversation with it', async () => {
    const id = await openConversation();
    const second = await repo.append(fromVisitor('second', id));
    const reply = await repo.append({ ...fromAgent('reply'), conversationId: id });
    expect(second).toMatchObject({ kind: 'created', message: { seq: 2 }, previousStatus: 'open' });
    expect(reply).toMatchObject({ kind: 'created', message: { seq: 3, body: 'reply' } });
    if (reply.kind !== 'created') return;
    expect(reply.conversation).toMatchObject({
      id,
      lastSeq: 3,
      lastPublicSeq: 3,
      lastMessagePreview: 'reply',
      agentLastReadSeq: 3,
      visitorLastReadSeq: 2,
    });
  });

  it('returns the original message for a repeat by the same sender, and adds nothing', async () => {
    const input = fromAgent('once');
    const first = await repo.append(input);
    const before_ = await conversation();
    const again = await repo.append({ ...input, body: 'changed body' });
    expect(first.kind).toBe('created');
    if (first.kind !== 'created') return;
    expect(again).toEqual({ kind: 'duplicate', message: first.message });
    expect((await conversation()).lastSeq).toBe(before_.lastSeq);
  });

  it('refuses a clientMessageId another sender used, without revealing that message', async () => {
    const visitorMessageId = s.messages.visitor.clientMessageId;
    const noteId = s.messages.note.clientMessageId;
    const lastSeq = (await conversation()).lastSeq;
    expect(await repo.append(fromAgent('x', { clientMessageId: visitorMessageId }))).toEqual({
      kind: 'conflict',
    });
    // Another agent reusing a colleague's id is another sender too.
    expect(await repo.append(fromAgent('x', { authorId: s.owner.id, clientMessageId: noteId }))).toEqual({
      kind: 'conflict',
    });
    expect(await repo.append({ ...fromVisitor('x'), clientMessageId: noteId })).toEqual({
      kind: 'conflict',
    });
    expect((await conversation()).lastSeq).toBe(lastSeq);
  });

  it('leaves lastPublicSeq, preview and activity time alone for an internal note', async () => {
    const before_ = await conversation();
    const note = await repo.append(fromAgent('internal', { private: true }));
    expect(note).toMatchObject({ kind: 'created', message: { seq: before_.lastSeq + 1, private: true } });
    expect(await conversation()).toMatchObject({
      lastSeq: before_.lastSeq + 1,
      lastPublicSeq: before_.lastPublicSeq,
      lastMessagePreview: before_.lastMessagePreview,
      lastMessageAt: before_.lastMessageAt,
    });
  });

  it('reopens a resolved conversation on a visitor message, not on an agent one', async () => {
    const id = await openConversation();
    await conversations.update(id, { status: 'resolved' }, s.teamId, ['status']);
    const agent = await repo.append({ ...fromAgent('closing remark'), conversationId: id });
    expect(agent).toMatchObject({ previousStatus: 'resolved', conversation: { status: 'resolved' } });
    const visitor = await repo.append(fromVisitor('one more thing', id));
    expect(visitor).toMatchObject({ previousStatus: 'resolved', conversation: { status: 'open' } });
  });

  it("does not append for a visitor to another visitor's conversation, nor to no conversation", async () => {
    const other = await seedScenario(app, 'Other');
    expect(await repo.append({ ...fromVisitor('intruder'), visitorId: other.visitor.id })).toEqual({
      kind: 'not-found',
    });
    // Reusing an existing clientMessageId does not reveal that it exists either.
    const reused = { ...fromVisitor('x'), visitorId: other.visitor.id };
    expect(await repo.append({ ...reused, clientMessageId: s.messages.visitor.clientMessageId })).toEqual({
      kind: 'not-found',
    });
    expect(await repo.append(fromAgent('void', { conversationId: randomUUID() }))).toEqual({
      kind: 'not-found',
    });
  });

  it('pages history newest first with before, forward with after, and hides notes from visitors', async () => {
    const id = await openConversation();
    for (let i = 2; i <= 12; i++) {
      await repo.append(
        i % 4 === 0
          ? { ...fromAgent(`n${i}`, { private: true }), conversationId: id }
          : fromVisitor(`m${i}`, id),
      );
    }
    const seqs = (page: { items: { seq: number }[] }) => page.items.map((m) => m.seq);
    const newest = await repo.history(id, { limit: 5, includePrivate: true });
    expect(seqs(newest)).toEqual([8, 9, 10, 11, 12]);
    expect(newest.hasMore).toBe(true);
    const older = await repo.history(id, { limit: 5, before: 8, includePrivate: true });
    expect(seqs(older)).toEqual([3, 4, 5, 6, 7]);
    const oldest = await repo.history(id, { limit: 5, before: 3, includePrivate: true });
    expect(oldest).toMatchObject({ hasMore: false });
    expect(seqs(oldest)).toEqual([1, 2]);

    const forward = await repo.history(id, { limit: 3, after: 5, includePrivate: true });
    expect(seqs(forward)).toEqual([6, 7, 8]);
    expect(forward.hasMore).toBe(true);
    const visible = await repo.history(id, { limit: 50, includePrivate: false });
    expect(seqs(visible)).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11]);
    expect(visible.hasMore).toBe(false);
    const between = await repo.history(id, { limit: 50, after: 2, before: 9, includePrivate: false });
    expect(seqs(between)).toEqual([3, 5, 6, 7]);
  });

  it('runs the SQL pinned in __sql__/append.sql', async () => {
    const id = await openConversation();
    const created = await recorder.record(() => repo.append(fromVisitor('pinned', id)));
    const input = fromAgent('pinned reply', { conversationId: id });
    await repo.append(input);
    const repeat = await recorder.record(() => repo.append(input));
    const opening = await recorder.record(() =>
      app.get(MessagesService).sendAsVisitor(s.visitor.widget, {
        body: 'Opening',
        clientMessageId: randomUUID(),
      }),
    );
    expect(created.result.kind).toBe('created');
    expect(repeat.result.kind).toBe('duplicate');
    expectSqlSnapshot('append.sql', {
      'append to a conversation (prepared)': created.statements,
      'append repeating a clientMessageId: the statement, then the lookup of the original': repeat.statements,
      'first message of a new conversation (MessagesService.sendAsVisitor, one transaction)':
        opening.statements,
    });
  });
});
