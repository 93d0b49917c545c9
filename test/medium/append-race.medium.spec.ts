import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { Transactions } from '../../src/db/transactions';
import { messages } from '../../src/db/schema';
import { MessagesRepository, type AppendInput } from '../../src/modules/messages/messages.repository';
import { seedScenario, type Scenario } from '../factories/scenario';
import { lockConversation, waitForLockWaiters } from '../support/db';
import { startMedium, type MediumApp } from '../support/medium';
import { usesPostgres } from '../support/test-app';

// Races need several connections: PostgreSQL only (CI sets DATABASE_URL).
describe(
  'messages: concurrent appends of one clientMessageId (medium, PostgreSQL)',
  { skip: !usesPostgres() },
  () => {
    let app: MediumApp;
    let s: Scenario;
    let repo: MessagesRepository;

    before(async () => {
      app = await startMedium({ driver: 'postgres' });
      s = await seedScenario(app);
      repo = app.get(MessagesRepository);
    });
    after(() => app?.close());

    const waitingOnLock = (n: number) => waitForLockWaiters(app.db, n);
    const seqsOf = async (conversationId: string) =>
      (
        await app.db
          .select({ seq: messages.seq })
          .from(messages)
          .where(sql`${messages.conversationId} = ${conversationId}`)
          .orderBy(messages.seq)
      ).map((m) => m.seq);
    const reply = (clientMessageId: string): AppendInput => ({
      conversationId: s.conversationId,
      sender: 'agent',
      authorId: s.agent.id,
      body: 'only once',
      clientMessageId,
    });

    it('stores one message for racing repeats; the losers get it back and leave no seq gap', async () => {
      const before_ = await seqsOf(s.conversationId);
      const input = reply(randomUUID());
      const release = await lockConversation(app, s.conversationId);
      const racing = Promise.all([repo.append(input), repo.append(input), repo.append(input)]);
      await waitingOnLock(3);
      await release();
      const results = await racing;

      expect(results.map((r) => r.kind).sort()).toEqual(['created', 'duplicate', 'duplicate']);
      const ids = new Set(results.map((r) => ('message' in r ? r.message.id : r.kind)));
      expect(ids.size).toBe(1);
      expect(await seqsOf(s.conversationId)).toEqual([...before_, before_.length + 1]);
    });

    it('keeps the caller transaction usable when its append loses the race (savepoint)', async () => {
      const transactions = app.get(Transactions);
      const input = reply(randomUUID());
      const release = await lockConversation(app, s.conversationId);
      const inTransaction = () =>
        transactions.run(async (tx) => {
          const result = await repo.append(input, tx);
          // Still usable: a failed statement without the savepoint would abort the whole transaction.
          const [{ n }] = (
            (await tx.execute(
              sql`select count(*)::int as n from messages where client_message_id = ${input.clientMessageId}`,
            )) as unknown as { rows: { n: number }[] }
          ).rows;
          return { kind: result.kind, n };
        });
      const racing = Promise.all([inTransaction(), inTransaction()]);
      await waitingOnLock(2);
      await release();
      const results = await racing;

      expect(results.map((r) => r.kind).sort()).toEqual(['created', 'duplicate']);
      expect(results.map((r) => r.n)).toEqual([1, 1]);
      const seqs = await seqsOf(s.conversationId);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    });
  },
);
