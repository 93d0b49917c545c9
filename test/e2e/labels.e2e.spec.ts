import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { registerMember, type Account } from '../factories/accounts';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { startConversation } from '../factories/widget';
import { countRows } from '../support/db';
import { expectError } from '../support/expect-error';
import { connectAgent, connectWidget, settle, socketTracker } from '../support/sockets';
import { OutboxDispatcher } from '../../src/platform/outbox/outbox.dispatcher';

type OutboxRow = { id: number; type: string; payload: any };

describe('labels: team labels, a conversation set, the inbox filter', () => {
  let w: AppWithProject;
  let agent: Account;
  const sockets = socketTracker();

  const outboxAfter = async (id: number): Promise<OutboxRow[]> => {
    const res = await w.t.database.db.execute(
      sql`select id::int, type, payload from outbox where id > ${id} order by id`,
    );
    return (res as unknown as { rows: OutboxRow[] }).rows;
  };
  const lastOutboxId = async () => (await outboxAfter(0)).at(-1)?.id ?? 0;

  const createLabel = async (name: string, color = '#1f6feb') => {
    const res = await w.api.post(`/api/v1/teams/${w.owner.teamId}/labels`, {
      token: w.owner.token,
      body: { name, color },
    });
    expect(res.status).toBe(201);
    return res.body.data as { id: string; name: string; color: string };
  };
  const setLabels = (conversationId: string, labelIds: string[], token = agent.token) =>
    w.api.put(`/api/v1/conversations/${conversationId}/labels`, { token, body: { labelIds } });
  const inbox = async (q: string) => {
    const res = await w.api.get(`/api/v1/conversations?status=open${q}`, { token: agent.token });
    expect(res.status).toBe(200);
    return res.body as { data: any[]; meta: { nextCursor: string | null; hasMore: boolean } };
  };

  before(async () => {
    w = await startAppWithProject();
    // The outbox rows stay in the table for the assertions: nothing dispatches them.
    w.t.app.get(OutboxDispatcher).pause();
    agent = await registerMember(w.api, w.owner, 'Agent', 'agent');
  });
  after(async () => {
    sockets.closeAll();
    await w?.t.close();
  });

  it('stores names lower-case and unique per team; admins change them, every member reads', async () => {
    const billing = await createLabel('  Billing ', '#AABBCC');
    expect(billing).toMatchObject({ name: 'billing', color: '#aabbcc', teamId: w.owner.teamId });
    const again = await w.api.post(`/api/v1/teams/${w.owner.teamId}/labels`, {
      token: w.owner.token,
      body: { name: 'BILLING', color: '#000000' },
    });
    expectError(again, 409, 'LABEL_NAME_TAKEN');
    const bad = await w.api.post(`/api/v1/teams/${w.owner.teamId}/labels`, {
      token: w.owner.token,
      body: { name: 'x', color: 'red' },
    });
    expectError(bad, 400, 'VALIDATION_FAILED');

    const byAgent = await w.api.post(`/api/v1/teams/${w.owner.teamId}/labels`, {
      token: agent.token,
      body: { name: 'mine', color: '#000000' },
    });
    expectError(byAgent, 403, 'INSUFFICIENT_ROLE');
    expectError(
      await w.api.patch(`/api/v1/labels/${billing.id}`, { token: agent.token, body: { color: '#000000' } }),
      403,
      'INSUFFICIENT_ROLE',
    );
    const list = await w.api.get(`/api/v1/teams/${w.owner.teamId}/labels`, { token: agent.token });
    expect(list.body.data.map((l: { name: string }) => l.name)).toContain('billing');

    const renamed = await w.api.patch(`/api/v1/labels/${billing.id}`, {
      token: w.owner.token,
      body: { name: 'Invoices' },
    });
    expect(renamed.body.data).toMatchObject({ id: billing.id, name: 'invoices', color: '#aabbcc' });
  });

  it("pages a team's labels by name", async () => {
    for (const name of ['p-a', 'p-b', 'p-c']) await createLabel(name);
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const res = await w.api.get(`/api/v1/teams/${w.owner.teamId}/labels?limit=2${cursor}`, {
        token: agent.token,
      });
      seen.push(...res.body.data.map((l: { name: string }) => l.name));
      if (!res.body.meta.hasMore) break;
      cursor = `&cursor=${res.body.meta.nextCursor}`;
    }
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(['p-a', 'p-b', 'p-c', 'invoices']));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("sets a conversation's labels with one outbox row and one socket event; no change, no event", async () => {
    const urgent = await createLabel('urgent', '#d73a49');
    const vip = await createLabel('vip', '#6f42c1');
    const s = await startConversation(w.api, w.project, 'Please help');
    const socket = await sockets.track(connectAgent(w.t.url, agent.token));
    const visitor = await sockets.track(
      connectWidget(w.t.url, { projectKey: w.project.publicKey, visitorToken: s.token }),
    );
    const from = await lastOutboxId();

    const set = await setLabels(s.conversationId, [vip.id, urgent.id]);
    expect(set.status).toBe(200);
    const chips = [
      { id: urgent.id, name: 'urgent', color: '#d73a49' },
      { id: vip.id, name: 'vip', color: '#6f42c1' },
    ];
    expect(set.body.data).toMatchObject({ id: s.conversationId, labels: chips });
    const event = await socket.waitFor('conversation.updated', (p) => p.conversation.id === s.conversationId);
    expect(event).toMatchObject({ changes: ['labels'], conversation: { labels: chips } });

    const rows = await outboxAfter(from);
    expect(rows.map((r) => [r.type, r.payload.changes])).toEqual([['conversation.updated', ['labels']]]);
    expect(rows[0].payload.conversation).toMatchObject({ id: s.conversationId });
    expect(rows[0].payload.labels).toEqual(chips);

    // The same set again changes nothing: no outbox row, no event.
    const same = await setLabels(s.conversationId, [urgent.id, vip.id]);
    expect(same.body.data.labels).toEqual(chips);
    await settle();
    expect(await outboxAfter(rows[0].id)).toEqual([]);
    expect(socket.of('conversation.updated')).toHaveLength(1);
    // Labels are the team's own: the visitor hears nothing of them.
    expect(visitor.of('conversation.updated')).toEqual([]);

    // Every view carries them.
    const detail = await w.api.get(`/api/v1/conversations/${s.conversationId}`, { token: agent.token });
    expect(detail.body.data.labels).toEqual(chips);
    const patched = await w.api.patch(`/api/v1/conversations/${s.conversationId}`, {
      token: agent.token,
      body: { status: 'pending' },
    });
    expect(patched.body.data.labels).toEqual(chips);

    const cleared = await setLabels(s.conversationId, []);
    expect(cleared.body.data.labels).toEqual([]);
    expect(await countRows(w.t, 'conversation_labels', `conversation_id = '${s.conversationId}'`)).toBe(0);
  });

  it("refuses another team's label (404) and unknown ids, and writes nothing then", async () => {
    const mine = await createLabel('mine-only');
    const other = await labelOfAgentsOwnTeam();
    const s = await startConversation(w.api, w.project);
    expect((await setLabels(s.conversationId, [mine.id])).status).toBe(200);
    const from = await lastOutboxId();

    const res = await setLabels(s.conversationId, [mine.id, other]);
    expectError(res, 404, 'LABEL_NOT_FOUND');
    expect(res.body.error.details).toEqual([{ path: 'labelIds.1', message: 'not a label of this team' }]);
    expect(await outboxAfter(from)).toEqual([]);
    const detail = await w.api.get(`/api/v1/conversations/${s.conversationId}`, { token: agent.token });
    expect(detail.body.data.labels.map((l: { id: string }) => l.id)).toEqual([mine.id]);

    expectError(await setLabels(s.conversationId, [mine.id, mine.id]), 400, 'VALIDATION_FAILED');
  });

  it('filters the inbox by label, page by page, and keeps the other filters', async () => {
    const refund = await createLabel('refund', '#28a745');
    const tagged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const s = await startConversation(w.api, w.project, `refund ${i}`);
      await startConversation(w.api, w.project, `other ${i}`);
      if (i !== 2) {
        expect((await setLabels(s.conversationId, [refund.id])).status).toBe(200);
        tagged.unshift(s.conversationId);
      }
    }
    const all = await inbox(`&label=${refund.id}`);
    expect(all.data.map((c) => c.id)).toEqual(tagged);
    expect(all.data.every((c) => c.labels.some((l: { id: string }) => l.id === refund.id))).toBe(true);

    const pages: string[] = [];
    let cursor = '';
    for (;;) {
      const page = await inbox(`&label=${refund.id}&limit=3${cursor}`);
      pages.push(...page.data.map((c) => c.id));
      if (!page.meta.hasMore) break;
      cursor = `&cursor=${page.meta.nextCursor}`;
    }
    expect(pages).toEqual(tagged);
    expect((await inbox(`&label=${refund.id}&assignee=me`)).data).toEqual([]);

    const resolved = await w.api.get(`/api/v1/conversations?status=resolved&label=${refund.id}`, {
      token: agent.token,
    });
    expect(resolved.body.data).toEqual([]);
  });

  it('deleting a label takes it off its conversations, with an outbox row for each', async () => {
    const temp = await createLabel('temporary');
    const keep = await createLabel('keep');
    const s = await startConversation(w.api, w.project);
    await setLabels(s.conversationId, [temp.id, keep.id]);
    const from = await lastOutboxId();
    expectError(
      await w.api.delete(`/api/v1/labels/${temp.id}`, { token: agent.token }),
      403,
      'INSUFFICIENT_ROLE',
    );
    expect((await w.api.delete(`/api/v1/labels/${temp.id}`, { token: w.owner.token })).status).toBe(204);
    expectError(
      await w.api.delete(`/api/v1/labels/${temp.id}`, { token: w.owner.token }),
      404,
      'LABEL_NOT_FOUND',
    );

    const rows = await outboxAfter(from);
    expect(rows.map((r) => [r.type, r.payload.conversation.id, r.payload.changes])).toEqual([
      ['conversation.updated', s.conversationId, ['labels']],
    ]);
    expect(rows[0].payload.labels).toEqual([{ id: keep.id, name: 'keep', color: '#1f6feb' }]);
    const detail = await w.api.get(`/api/v1/conversations/${s.conversationId}`, { token: agent.token });
    expect(detail.body.data.labels.map((l: { id: string }) => l.id)).toEqual([keep.id]);
  });

  /** A label of another team (the agent's own team, which the owner's conversation is not in). */
  async function labelOfAgentsOwnTeam(): Promise<string> {
    const res = await w.api.post(`/api/v1/teams/${agent.teamId}/labels`, {
      token: agent.token,
      body: { name: 'elsewhere', color: '#000000' },
    });
    expect(res.status).toBe(201);
    return res.body.data.id;
  }
});
