import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { OutboxDispatcher } from '../../src/platform/outbox/outbox.dispatcher';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { registerAccount } from '../factories/accounts';
import { startConversation, widgetHeaders, type VisitorSession } from '../factories/widget';
import { countRows } from '../support/db';
import { expectError } from '../support/expect-error';
import { connectAgent } from '../support/sockets';

describe('satisfaction ratings (CSAT)', () => {
  let s: AppWithProject;
  let visitor: VisitorSession;

  const rate = (conversationId: string, body: unknown, session = visitor) =>
    s.api.post(`/api/v1/widget/conversations/${conversationId}/rating`, {
      headers: widgetHeaders(s.project.publicKey, session.token),
      body,
    });
  const state = (conversationId: string, session = visitor) =>
    s.api.get(`/api/v1/widget/conversations/${conversationId}/rating`, {
      headers: widgetHeaders(s.project.publicKey, session.token),
    });
  const resolve = (conversationId: string) =>
    s.api.patch(`/api/v1/conversations/${conversationId}`, {
      token: s.owner.token,
      body: { status: 'resolved' },
    });
  const setCsat = (enabled: boolean) =>
    s.api.patch(`/api/v1/projects/${s.project.id}`, {
      token: s.owner.token,
      body: { settings: { csat: { enabled } } },
    });

  before(async () => {
    s = await startAppWithProject();
    // Held, so the csat.submitted rows stay to be counted (the app's consumers would take and delete them).
    s.t.app.get(OutboxDispatcher).pause();
    visitor = await startConversation(s.api, s.project, 'My order is late');
  });
  after(async () => {
    await s?.t.close();
  });

  it('refuses a rating before the resolve and while ratings are off, writing nothing', async () => {
    expectError(await rate(visitor.conversationId, { score: 5 }), 409, 'CSAT_DISABLED');
    expect((await setCsat(true)).status).toBe(200);
    expectError(await rate(visitor.conversationId, { score: 5 }), 409, 'RATING_NOT_REQUESTED');
    expect((await state(visitor.conversationId)).body.data).toEqual({
      requested: false,
      editable: false,
      rating: null,
    });
    expect(await countRows(s.t, 'ratings')).toBe(0);
    expect(await countRows(s.t, 'outbox', "type = 'csat.submitted'")).toBe(0);
  });

  it('asks after the resolve, stores one rating per conversation and tells agent sockets', async () => {
    const agent = await connectAgent(s.t.url, s.owner.token);
    try {
      const resolved = await resolve(visitor.conversationId);
      expect(resolved.body.data).toMatchObject({ status: 'resolved', resolvedById: s.owner.userId });
      expect((await state(visitor.conversationId)).body.data).toMatchObject({
        requested: true,
        editable: true,
      });

      const first = await rate(visitor.conversationId, { score: 2, comment: 'Slow answer' });
      expect(first.status).toBe(200);
      expect(first.body.data).toMatchObject({
        conversationId: visitor.conversationId,
        score: 2,
        comment: 'Slow answer',
      });
      const event = await agent.waitFor('csat.submitted');
      expect(event.rating.score).toBe(2);
      expect(event.conversation.id).toBe(visitor.conversationId);

      // Changing it keeps one row (same id), and writes a second outbox row.
      const changed = await rate(visitor.conversationId, { score: 4 });
      expect(changed.body.data).toMatchObject({ id: first.body.data.id, score: 4, comment: null });
      expect(await countRows(s.t, 'ratings')).toBe(1);
      expect(await countRows(s.t, 'outbox', "type = 'csat.submitted'")).toBe(2);
      const [row] = (
        (await s.t.database.db.execute(
          sql`select payload from outbox where type = 'csat.submitted' order by id desc limit 1`,
        )) as unknown as { rows: { payload: any }[] }
      ).rows;
      expect(row.payload.rating).toMatchObject({ score: 4, conversation_id: visitor.conversationId });
      expect(row.payload.conversation).toMatchObject({ id: visitor.conversationId, status: 'resolved' });

      expect((await state(visitor.conversationId)).body.data).toMatchObject({
        requested: false,
        editable: true,
        rating: { score: 4 },
      });
      const forAgent = await s.api.get(`/api/v1/conversations/${visitor.conversationId}/rating`, {
        token: s.owner.token,
      });
      expect(forAgent.body.data.rating).toMatchObject({ score: 4, comment: null });
    } finally {
      agent.close();
    }
  });

  it('locks the rating 7 days after it was given', async () => {
    await s.t.database.db.execute(
      sql`update ratings set created_at = now() - interval '7 days 1 minute' where conversation_id = ${visitor.conversationId}`,
    );
    expectError(await rate(visitor.conversationId, { score: 1 }), 409, 'RATING_LOCKED');
    expect((await state(visitor.conversationId)).body.data).toMatchObject({
      editable: false,
      rating: { score: 4 },
    });
  });

  it("refuses bad scores and another visitor's or team's conversation", async () => {
    const other = await startConversation(s.api, s.project, 'Me too');
    await resolve(other.conversationId);
    for (const body of [
      { score: 0 },
      { score: 6 },
      { score: 3.5 },
      { score: '5' },
      {},
      { score: 3, extra: 1 },
    ]) {
      expectError(await rate(other.conversationId, body), 400, 'VALIDATION_FAILED');
    }
    expectError(await rate(other.conversationId, { score: 3 }), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await rate(visitor.conversationId, { score: 3 }, other), 404, 'CONVERSATION_NOT_FOUND');
    const stranger = await registerAccount(s.api, 'Stranger');
    const res = await s.api.get(`/api/v1/conversations/${visitor.conversationId}/rating`, {
      token: stranger.token,
    });
    expectError(res, 404, 'CONVERSATION_NOT_FOUND');
  });
});
