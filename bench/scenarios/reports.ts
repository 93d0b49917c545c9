import type { Client } from 'pg';
import { PgDialect } from 'drizzle-orm/pg-core';
import { ReportSql, type ReportScope } from '../../src/modules/reports/reports.repository';
import { withServer } from '../lib/env';
import { request } from '../lib/http';
import { connect } from '../lib/pg';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { log, printTable, round, timeSequential } from '../lib/util';

const CONVERSATIONS = 100_000;
const BATCH = 20_000;

/**
 * 10^5 conversations over the last 90 days (SQL generate_series): each opened by a visitor message;
 * 80 % answered within an hour, 60 % resolved within two days, a third of those rated.
 */
async function seed(db: Client, projectId: string, agentId: string): Promise<void> {
  for (let done = 0; done < CONVERSATIONS; done += BATCH) {
    await db.query(
      `with v as (
         insert into visitors (id, project_id) select gen_random_uuid(), $1 from generate_series(1, $2) returning id
       ), c as (
         insert into conversations (id, project_id, visitor_id, status, last_seq, created_at,
           first_agent_reply_at, first_agent_reply_by_id, resolved_at, resolved_by_id)
         select id, $1, visitor_id, case when resolved then 'resolved' else 'open' end::conversation_status, 2,
           created, case when replied then created + random() * interval '1 hour' end,
           case when replied then $3::uuid end,
           case when resolved then created + random() * interval '2 days' end, case when resolved then $3::uuid end
         from (select gen_random_uuid() as id, v.id as visitor_id, now() - random() * interval '90 days' as created,
           random() < 0.8 as replied, random() < 0.6 as resolved from v) s
         returning id, created_at, first_agent_reply_at, resolved_at
       ), m as (
         insert into messages (id, conversation_id, seq, sender, author_id, body, client_message_id, created_at)
         select gen_random_uuid(), id, 1, 'visitor'::message_sender, null::uuid, 'Where is my order?', 'v-' || id, created_at from c
         union all
         select gen_random_uuid(), id, 2, 'agent'::message_sender, $3::uuid, 'On its way', 'a-' || id, first_agent_reply_at
         from c where first_agent_reply_at is not null
       )
       insert into ratings (id, conversation_id, project_id, score, created_at)
       select gen_random_uuid(), id, $1, 1 + floor(random() * 5)::int, resolved_at + interval '5 minutes'
       from c where resolved_at is not null and random() < 0.33`,
      [projectId, BATCH, agentId],
    );
  }
  await db.query('vacuum analyze conversations, messages, ratings');
}

/** Issue 15: the report route over 10^5 conversations, p99 < 200 ms, against its SQL alone. */
export async function runReports(opts: ScenarioOptions): Promise<ScenarioResult> {
  const samples = opts.quick ? 60 : 200;
  return withServer('reports', async (env) => {
    const db = await connect(env.databaseUrl);
    const pool = await Promise.all(Array.from({ length: 6 }, () => connect(env.databaseUrl)));
    try {
      log(`reports: seeding ${CONVERSATIONS.toLocaleString('en')} conversations`);
      await seed(db, env.project.id, env.agent.userId);
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const scope: ReportScope = {
        projectIds: [env.project.id],
        from: day(new Date(Date.now() - 29 * 86_400_000)),
        to: day(new Date()),
        interval: 'day',
        timezone: 'Europe/Paris',
      };
      const { from, to, interval, timezone } = scope;
      const qs = new URLSearchParams({ teamId: env.agent.teamId, from, to, interval, timezone }).toString();
      const auth = { authorization: `Bearer ${env.agent.accessToken}` };
      const route = await timeSequential(samples, 5, async () => {
        const r = await request('GET', `${env.base}/api/v1/reports/summary?${qs}`, { headers: auth });
        if (r.status !== 200 || r.body?.data?.intervals?.length !== 30)
          throw new Error(`reports → ${r.status}`);
      });
      // The same six statements, rendered by Drizzle, on six connections at once (as the pool runs them).
      const q = new ReportSql(scope);
      const dialect = new PgDialect();
      const statements = [q.buckets(), q.created(), q.resolved(), q.messages(), q.ratings(), q.agents()].map(
        (s) => dialect.sqlToQuery(s),
      );
      const sqlOnly = await timeSequential(samples, 5, async () => {
        await Promise.all(statements.map((s, i) => pool[i].query(s.sql, s.params)));
      });
      const counted = (await db.query<{ n: string }>(`select count(*) as n from conversations`)).rows[0].n;
      printTable(
        `Reports: GET /api/v1/reports/summary, 30 days by day (Europe/Paris), ${Number(counted).toLocaleString('en')} conversations, ${samples} sequential reads`,
        ['target', 'p50 ms', 'p99 ms', 'max ms'],
        [
          ['spectre route', route.p50, route.p99, route.max],
          ['SQL alone (6 statements in parallel)', sqlOnly.p50, sqlOnly.p99, sqlOnly.max],
          ['ratio route/SQL', fmt(route.p50 / sqlOnly.p50, 2), fmt(route.p99 / sqlOnly.p99, 2), ''],
        ],
      );
      return {
        figures: {
          conversations: Number(counted),
          samples,
          route,
          sqlOnly,
          ratioP99: round(route.p99 / sqlOnly.p99, 3),
        },
        targets: [
          {
            scenario: 'Reports',
            metric: 'summary p99 over 10^5 conversations',
            target: '< 200 ms',
            measured: `${route.p99} ms (p50 ${route.p50})`,
            baseline: `${sqlOnly.p99} ms (SQL alone)`,
            ratio: `${fmt(route.p99 / sqlOnly.p99, 2)}×`,
            met: route.p99 < 200,
          },
        ],
      };
    } finally {
      await Promise.all([db, ...pool].map((c) => c.end()));
    }
  });
}
