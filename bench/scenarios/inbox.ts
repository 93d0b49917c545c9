import type { Client } from 'pg';
import { withServer } from '../lib/env';
import { request } from '../lib/http';
import { connect } from '../lib/pg';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { log, printTable, round, timeSequential, type LatencySummary } from '../lib/util';

const PAGE = 50;
const BATCH = 10_000; // conversations per INSERT statement

/** The agent inbox pages this scenario reads (newest activity first, 50 at a time). */
const QUERIES = {
  all: `?limit=${PAGE}`,
  open: `?status=open&limit=${PAGE}`,
  unassigned: `?assignee=none&limit=${PAGE}`,
};

interface SizeFigures {
  conversations: number;
  byQuery: Record<keyof typeof QUERIES, LatencySummary>;
}

/** Adds visitors and conversations (statuses and activity spread out) until `target` conversations. */
export async function growTo(db: Client, projectId: string, target: number): Promise<number> {
  let count = Number((await db.query<{ n: string }>('select count(*) as n from conversations')).rows[0].n);
  while (count < target) {
    const n = Math.min(BATCH, target - count);
    await db.query(
      `with v as (insert into visitors (id, project_id) select gen_random_uuid(), $1 from generate_series(1, $2) returning id)
       insert into conversations (id, project_id, visitor_id, status, last_seq, last_message_at, last_message_preview)
       select gen_random_uuid(), $1, v.id,
         (array['open','pending','resolved','snoozed'])[1 + (row_number() over () % 4)]::conversation_status,
         0, now() - (random() * interval '90 days'), 'Where is my order?'
       from v`,
      [projectId, n],
    );
    count += n;
  }
  await db.query('vacuum analyze conversations');
  await db.query('analyze visitors');
  return count;
}

/** Extra scenario (no issue target): the agent inbox must stay flat as conversations pile up. */
export async function runInbox(opts: ScenarioOptions): Promise<ScenarioResult> {
  const sizes = opts.quick ? [10_000, 100_000] : [10_000, 100_000, 300_000];
  const samples = opts.quick ? 200 : 500;
  return withServer('inbox', async (env) => {
    const db = await connect(env.databaseUrl);
    try {
      const auth = { authorization: `Bearer ${env.agent.accessToken}` };
      const bySize: SizeFigures[] = [];
      for (const size of sizes) {
        log(`inbox: seeding to ${size.toLocaleString('en')} conversations`);
        const conversations = await growTo(db, env.project.id, size);
        const byQuery = {} as SizeFigures['byQuery'];
        for (const [name, query] of Object.entries(QUERIES) as [keyof typeof QUERIES, string][]) {
          byQuery[name] = await timeSequential(samples, 20, async () => {
            const r = await request('GET', `${env.base}/api/v1/conversations${query}`, { headers: auth });
            if (r.status !== 200 || r.body?.data?.length !== PAGE)
              throw new Error(`inbox ${query} → ${r.status}`);
          });
        }
        bySize.push({ conversations, byQuery });
      }
      printTable(
        `Inbox: GET /api/v1/conversations (agent, one project), page of ${PAGE}, ${samples} sequential reads`,
        ['conversations', 'all p50/p99 ms', 'open p50/p99 ms', 'unassigned p50/p99 ms'],
        bySize.map((s) => [
          s.conversations.toLocaleString('en'),
          ...Object.values(s.byQuery).map((l) => `${l.p50} / ${l.p99}`),
        ]),
      );
      const first = bySize[0].byQuery.all;
      const last = bySize[bySize.length - 1];
      const growth = last.byQuery.all.p50 / first.p50;
      return {
        figures: { pageSize: PAGE, samples, queries: QUERIES, bySize, growthP50: round(growth, 3) },
        targets: [
          {
            scenario: 'Inbox',
            metric: `page p50 growth ${sizes[0].toLocaleString('en')} → ${last.conversations.toLocaleString('en')} conversations`,
            target: '< 1.5× (own target)',
            measured: `${fmt(growth, 2)}× (p99 at ${last.conversations.toLocaleString('en')}: ${last.byQuery.all.p99} ms)`,
            baseline: '—',
            ratio: '—',
            met: growth < 1.5,
          },
        ],
      };
    } finally {
      await db.end();
    }
  });
}
