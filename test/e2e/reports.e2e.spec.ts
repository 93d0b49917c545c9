import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { createProject, registerAccount, registerMember, type Account } from '../factories/accounts';
import { agentReply, startConversation, widgetHeaders } from '../factories/widget';
import { expectError } from '../support/expect-error';

/**
 * A seeded week with known answers. Times are UTC; Paris is UTC+1 in early March, so conversation C
 * (23:30 UTC on 2 March) opens on 3 March in Paris and on 2 March in UTC.
 */
interface Seed {
  created: string;
  reply?: { by: 'owner' | 'member'; after: number };
  resolve?: { by: 'owner' | 'member'; at: string };
  rating?: { score: number; at: string };
  note?: boolean;
}
const SEEDS: Record<string, Seed> = {
  A: {
    created: '2026-03-02T08:00:00Z',
    reply: { by: 'owner', after: 60 },
    resolve: { by: 'owner', at: '2026-03-02T09:00:00Z' },
    rating: { score: 5, at: '2026-03-02T09:05:00Z' },
  },
  B: {
    created: '2026-03-02T22:30:00Z',
    reply: { by: 'member', after: 120 },
    resolve: { by: 'member', at: '2026-03-03T10:00:00Z' },
    rating: { score: 3, at: '2026-03-03T10:05:00Z' },
  },
  C: { created: '2026-03-02T23:30:00Z' },
  D: { created: '2026-03-03T09:00:00Z', reply: { by: 'owner', after: 300 }, note: true },
};

describe('reports: figures on a seeded data set', () => {
  let s: AppWithProject;
  let member: Account;

  const summary = (query: Record<string, string>, token = s.owner.token) =>
    s.api.get(`/api/v1/reports/summary?${new URLSearchParams({ teamId: s.owner.teamId, ...query })}`, {
      token,
    });
  const exec = (q: ReturnType<typeof sql>) => s.t.database.db.execute(q);

  async function seed(seedData: Seed, tokens: Record<string, string>) {
    const v = await startConversation(s.api, s.project, 'Question');
    const id = v.conversationId;
    const created = new Date(seedData.created);
    if (seedData.reply) await agentReply(s.api, tokens[seedData.reply.by], id, 'Answer');
    if (seedData.note) await agentReply(s.api, tokens.owner, id, 'internal', true);
    if (seedData.resolve) {
      const res = await s.api.patch(`/api/v1/conversations/${id}`, {
        token: tokens[seedData.resolve.by],
        body: { status: 'resolved' },
      });
      expect(res.status).toBe(200);
    }
    if (seedData.rating) {
      const res = await s.api.post(`/api/v1/widget/conversations/${id}/rating`, {
        headers: widgetHeaders(s.project.publicKey, v.token),
        body: { score: seedData.rating.score },
      });
      expect(res.status).toBe(200);
      await exec(
        sql`update ratings set created_at = ${seedData.rating.at}::timestamptz where conversation_id = ${id}`,
      );
    }
    // Move everything to the seeded times.
    const replyAt = seedData.reply
      ? new Date(created.getTime() + seedData.reply.after * 1000).toISOString()
      : null;
    await exec(sql`update conversations set created_at = ${seedData.created}::timestamptz,
      first_agent_reply_at = ${replyAt}::timestamptz, resolved_at = ${seedData.resolve?.at ?? null}::timestamptz
      where id = ${id}`);
    await exec(sql`update messages set created_at = case when sender = 'visitor' then ${seedData.created}::timestamptz
      else coalesce(${replyAt}::timestamptz, now()) end where conversation_id = ${id}`);
  }

  before(async () => {
    s = await startAppWithProject();
    await s.api.patch(`/api/v1/projects/${s.project.id}`, {
      token: s.owner.token,
      body: { settings: { csat: { enabled: true } } },
    });
    member = await registerMember(s.api, s.owner, 'Mia', 'agent');
    for (const data of Object.values(SEEDS)) await seed(data, { owner: s.owner.token, member: member.token });
    // Another team's conversation at the same time must not count.
    const other = await registerAccount(s.api, 'Other');
    const otherProject = await createProject(s.api, other);
    const stranger = await startConversation(s.api, otherProject, 'Elsewhere');
    await exec(
      sql`update conversations set created_at = '2026-03-02T08:00:00Z' where id = ${stranger.conversationId}`,
    );
  });
  after(async () => {
    await s?.t.close();
  });

  it('gives per-day and total figures in the caller’s time zone', async () => {
    const res = await summary({
      from: '2026-03-02',
      to: '2026-03-03',
      interval: 'day',
      timezone: 'Europe/Paris',
    });
    expect(res.status).toBe(200);
    const { intervals, total, agents } = res.body.data;
    expect(intervals).toEqual([
      {
        start: '2026-03-02',
        newConversations: 2,
        messages: { visitor: 2, agent: 2, system: 0 },
        resolved: 1,
        firstResponse: { median: 90, p90: 114 },
        resolution: { median: 3600, p90: 3600 },
        csat: { average: 5, count: 1 },
      },
      {
        start: '2026-03-03',
        newConversations: 2,
        messages: { visitor: 2, agent: 1, system: 0 },
        resolved: 1,
        firstResponse: { median: 300, p90: 300 },
        resolution: { median: 41400, p90: 41400 },
        csat: { average: 3, count: 1 },
      },
    ]);
    expect(total).toEqual({
      newConversations: 4,
      messages: { visitor: 4, agent: 3, system: 0 },
      resolved: 2,
      firstResponse: { median: 120, p90: 264 },
      resolution: { median: 22500, p90: 37620 },
      csat: { average: 4, count: 2 },
    });
    expect(agents).toEqual([
      { userId: s.owner.userId, name: expect.any(String), replies: 2, resolved: 1, medianFirstResponse: 180 },
      { userId: member.userId, name: 'Mia', replies: 1, resolved: 1, medianFirstResponse: 120 },
    ]);
  });

  it('cuts days in UTC by default, and weeks from Monday', async () => {
    const utc = (await summary({ from: '2026-03-02', to: '2026-03-03' })).body.data;
    expect(utc.timezone).toBe('UTC');
    expect(utc.intervals.map((i: any) => i.newConversations)).toEqual([3, 1]);
    const week = (await summary({ from: '2026-03-02', to: '2026-03-08', interval: 'week' })).body.data;
    expect(week.intervals).toHaveLength(1);
    expect(week.intervals[0]).toMatchObject({ start: '2026-03-02', newConversations: 4, resolved: 2 });
    // Without a range: the 30 days up to today.
    const recent = (await summary({})).body.data;
    expect(recent.intervals).toHaveLength(30);
    expect(recent.to).toBe(new Date().toISOString().slice(0, 10));
    expectError(await summary({ from: '2020-01-01' }), 400, 'VALIDATION_FAILED');
    const empty = (await summary({ from: '2026-04-01', to: '2026-04-02' })).body.data;
    expect(empty.total).toMatchObject({ newConversations: 0, firstResponse: { median: null, p90: null } });
    expect(empty.agents).toEqual([]);
  });

  it('is scoped to the caller’s teams and validates its query', async () => {
    const stranger = await registerAccount(s.api, 'Stranger');
    expectError(
      await summary({ from: '2026-03-02', to: '2026-03-03' }, stranger.token),
      404,
      'TEAM_NOT_FOUND',
    );
    const own = await createProject(s.api, stranger);
    const mixed = await summary({ from: '2026-03-02', to: '2026-03-03', projectId: own.id });
    expectError(mixed, 404, 'PROJECT_NOT_FOUND');
    const bads: Record<string, string>[] = [
      { from: '2026-03-03', to: '2026-03-02' },
      { from: '2026-03-02', to: '2027-12-01' },
      // The cap holds when `to` defaults to today too.
      { from: '2020-01-01' },
      { from: 'yesterday', to: '2026-03-02' },
      { from: '2026-03-02', to: '2026-03-03', timezone: 'Nowhere/City' },
      { from: '2026-03-02', to: '2026-03-03', interval: 'month' },
    ];
    for (const bad of bads) {
      expectError(await summary(bad), 400, 'VALIDATION_FAILED');
    }
    const filtered = (await summary({ from: '2026-03-02', to: '2026-03-03', projectId: s.project.id })).body
      .data;
    expect(filtered.total.newConversations).toBe(4);
  });
});
