import type { Client } from 'pg';
import { withServer } from '../lib/env';
import { request } from '../lib/http';
import { connect } from '../lib/pg';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { log, printTable, round, timeSequential, type LatencySummary } from '../lib/util';

const PER_CONVERSATION = 100; // messages per seeded conversation
const BATCH = 500; // conversations per INSERT statement
const NEEDLES = 20; // conversations holding the rare word, whatever the table's size
const WARMUP = 20;
const LIMIT = 20;

/** The conversations step of SearchRepository.conversations, with the tsquery the route builds for `$1`. */
const tsq = `(case when right(websearch_to_tsquery('simple', $1)::text, 1) = ''''
  then (websearch_to_tsquery('simple', $1)::text || ':*')::tsquery else websearch_to_tsquery('simple', $1) end)`;
const SEARCH_SQL = `with matched as materialized (
  select m.conversation_id, ts_rank(m.search_vector, ${tsq}) as rank, m.created_at
  from messages m where m.search_vector @@ ${tsq}
), hits as (
  select x.conversation_id, max(x.rank) as rank, max(x.created_at) as newest
  from matched x join conversations c on c.id = x.conversation_id
  where c.project_id in (select p.id from projects p
    join team_members tm on tm.team_id = p.team_id and tm.user_id = $2)
  group by x.conversation_id)
select c.*, h.rank from hits h join conversations c on c.id = h.conversation_id
order by h.rank desc, h.newest desc, h.conversation_id desc limit ${LIMIT + 1}`;

const WORDS = [
  'order',
  'refund',
  'invoice',
  'parcel',
  'delivery',
  'account',
  'password',
  'billing',
  'shipping',
  'discount',
];

/** The queries: a rare word (fixed count), the same word half typed (prefix), a word in 10% of messages. */
const QUERIES = [
  { name: 'rare word', q: 'zanzibar', target: true },
  { name: 'prefix while typing', q: 'zanzi', target: true },
  { name: 'two words, prefix', q: 'island zanz', target: true },
  { name: 'word in 10% of messages', q: 'refund', target: false },
];

interface QueryFigures {
  name: string;
  q: string;
  hits: number;
  server: LatencySummary;
  sqlFloor: LatencySummary;
}

async function seedNeedles(db: Client, projectId: string): Promise<void> {
  await db.query(
    `with v as (insert into visitors (id, project_id) select gen_random_uuid(), $1 from generate_series(1, $2) returning id),
     c as (insert into conversations (id, project_id, visitor_id, last_seq) select gen_random_uuid(), $1, v.id, 1 from v returning id)
     insert into messages (id, conversation_id, seq, sender, body, client_message_id, created_at)
     select gen_random_uuid(), c.id, 1, 'visitor', 'Can you ship my parcel to the island of Zanzibar?', 'needle',
       now() - random() * interval '30 days' from c`,
    [projectId, NEEDLES],
  );
}

/** Adds conversations of PER_CONVERSATION messages (bodies mixing WORDS) until `target` rows. */
async function growTo(db: Client, projectId: string, target: number): Promise<number> {
  let count = Number((await db.query<{ n: string }>('select count(*) as n from messages')).rows[0].n);
  while (count < target) {
    const convs = Math.min(BATCH, Math.ceil((target - count) / PER_CONVERSATION));
    await db.query(
      `with v as (insert into visitors (id, project_id) select gen_random_uuid(), $1 from generate_series(1, $2) returning id),
       c as (insert into conversations (id, project_id, visitor_id, last_seq)
             select gen_random_uuid(), $1, v.id, $3 from v returning id)
       insert into messages (id, conversation_id, seq, sender, body, client_message_id, created_at)
       select gen_random_uuid(), c.id, g, (case when g % 2 = 0 then 'agent' else 'visitor' end)::message_sender,
         'Hello, a question about my ' || ($4::text[])[1 + (g * 7 + ascii(c.id::text)) % 10] ||
           ' number ' || (abs(hashtext(c.id::text || g)) % 100000) || ', ' ||
           ($4::text[])[1 + (g * 3) % 10] || ' please',
         'seed-' || g, now() - random() * interval '30 days'
       from c cross join generate_series(1, $3) g`,
      [projectId, convs, PER_CONVERSATION, WORDS],
    );
    count += convs * PER_CONVERSATION;
  }
  await db.query('vacuum analyze messages');
  await db.query('analyze conversations');
  return Number((await db.query<{ n: string }>('select count(*) as n from messages')).rows[0].n);
}

export async function runSearch(opts: ScenarioOptions): Promise<ScenarioResult> {
  const sizes = opts.quick ? [10_000, 100_000] : [100_000, 1_000_000];
  const samples = opts.quick ? 100 : 300;
  return withServer('search', async (env) => {
    const db = await connect(env.databaseUrl);
    try {
      await seedNeedles(db, env.project.id);
      const auth = { authorization: `Bearer ${env.agent.accessToken}` };
      const bySize: { tableRows: number; seedSeconds: number; queries: QueryFigures[] }[] = [];
      for (const size of sizes) {
        log(`search: seeding to ${size.toLocaleString('en')} messages`);
        const t0 = Date.now();
        const tableRows = await growTo(db, env.project.id, size);
        const seedSeconds = Math.round((Date.now() - t0) / 1000);
        const queries: QueryFigures[] = [];
        for (const { name, q, target } of QUERIES) {
          const n = target ? samples : Math.max(10, Math.floor(samples / 10));
          const url = `${env.base}/api/v1/search?q=${encodeURIComponent(q)}&limit=${LIMIT}`;
          const check = await request('GET', url, { headers: auth });
          if (check.status !== 200)
            throw new Error(`search → ${check.status}: ${JSON.stringify(check.body).slice(0, 300)}`);
          const hits = (await db.query(SEARCH_SQL, [q, env.agent.userId])).rowCount ?? 0;
          log(`search: ${n} × "${q}" at ${tableRows.toLocaleString('en')} rows`);
          const server = await timeSequential(n, WARMUP, async () => {
            const r = await request('GET', url, { headers: auth });
            if (r.status !== 200) throw new Error(`search → ${r.status}`);
          });
          const sqlFloor = await timeSequential(n, WARMUP, async () => {
            await db.query(SEARCH_SQL, [q, env.agent.userId]);
          });
          queries.push({ name, q, hits, server, sqlFloor });
        }
        bySize.push({ tableRows, seedSeconds, queries });
      }
      printTable(
        `Search: GET /api/v1/search?q=…&limit=${LIMIT} (agent, one team), sequential; SQL alone = the conversations query`,
        ['messages', 'query', 'conv. hits', 'p50 ms', 'p99 ms', 'SQL p50', 'SQL p99', 'p99 vs SQL'],
        bySize.flatMap((s) =>
          s.queries.map((q) => [
            s.tableRows.toLocaleString('en'),
            `${q.name} "${q.q}"`,
            q.hits,
            q.server.p50,
            q.server.p99,
            q.sqlFloor.p50,
            q.sqlFloor.p99,
            `${fmt(q.server.p99 / q.sqlFloor.p99, 1)}×`,
          ]),
        ),
      );
      const first = bySize[0];
      const last = bySize[bySize.length - 1];
      const targeted = QUERIES.map((q, i) => ({ ...q, i })).filter((q) => q.target);
      const worstP99 = Math.max(...targeted.map((q) => last.queries[q.i].server.p99));
      const growth = Math.max(
        ...targeted.map((q) => last.queries[q.i].server.p99 / first.queries[q.i].server.p99),
      );
      return {
        figures: { samples, limit: LIMIT, query: SEARCH_SQL, bySize, worstP99, growthP99: round(growth, 3) },
        targets: [
          {
            scenario: 'Search',
            metric: `p99 @${last.tableRows.toLocaleString('en')} messages (worst of rare/prefix queries)`,
            target: '< 50 ms',
            measured: `${worstP99} ms`,
            baseline: `SQL alone ${Math.max(...targeted.map((q) => last.queries[q.i].sqlFloor.p99))} ms`,
            ratio: '—',
            met: worstP99 < 50,
          },
          {
            scenario: 'Search',
            metric: `growth ${first.tableRows.toLocaleString('en')} → ${last.tableRows.toLocaleString('en')} (p99, worst)`,
            target: '< 2×',
            measured: `${fmt(growth, 2)}×`,
            baseline: '—',
            ratio: '—',
            met: growth < 2,
          },
        ],
      };
    } finally {
      await db.end();
    }
  });
}
