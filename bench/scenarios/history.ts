import type { Client } from 'pg';
import { withServer } from '../lib/env';
import { request } from '../lib/http';
import { connect } from '../lib/pg';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { log, printTable, round, timeSequential, type LatencySummary } from '../lib/util';

const LONG_CONVERSATION = 5000; // messages in the conversation we read from
const FILLER_SIZE = 100; // messages per other conversation
const FILLER_BATCH = 1000; // conversations per INSERT statement
const PAGE = 50;
const WARMUP = 30;

/** What the server runs for an agent's older page (src/modules/messages/messages.repository.ts#history). */
const HISTORY_SQL = `select * from messages where conversation_id = $1 and seq < $2 order by seq desc limit ${PAGE + 1}`;

interface SizeFigures {
  tableRows: number;
  server: LatencySummary;
  sqlFloor: LatencySummary;
  explain: string;
}

async function seedLongConversation(db: Client, projectId: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `with v as (insert into visitors (id, project_id) values (gen_random_uuid(), $1) returning id)
     insert into conversations (id, project_id, visitor_id, last_seq)
     select gen_random_uuid(), $1, v.id, $2 from v returning id`,
    [projectId, LONG_CONVERSATION],
  );
  const conversationId = rows[0].id;
  await db.query(
    `insert into messages (id, conversation_id, seq, sender, body, client_message_id, created_at)
     select gen_random_uuid(), $1, g,
       (case when g % 3 = 0 then 'agent' else 'visitor' end)::message_sender,
       'Message ' || g || ': thanks, could you tell me more about the delivery options?',
       'seed-' || g, now() - ($2 - g) * interval '1 second'
     from generate_series(1, $2) g`,
    [conversationId, LONG_CONVERSATION],
  );
  return conversationId;
}

/** Adds conversations of FILLER_SIZE messages until the table holds at least `target` rows. */
async function growTo(db: Client, projectId: string, target: number): Promise<number> {
  let count = Number((await db.query<{ n: string }>('select count(*) as n from messages')).rows[0].n);
  while (count < target) {
    const convs = Math.min(FILLER_BATCH, Math.ceil((target - count) / FILLER_SIZE));
    await db.query(
      `with v as (insert into visitors (id, project_id) select gen_random_uuid(), $1 from generate_series(1, $2) returning id),
       c as (insert into conversations (id, project_id, visitor_id, last_seq)
             select gen_random_uuid(), $1, v.id, $3 from v returning id)
       insert into messages (id, conversation_id, seq, sender, body, client_message_id, created_at)
       select gen_random_uuid(), c.id, g,
         (case when g % 2 = 0 then 'agent' else 'visitor' end)::message_sender,
         'Filler message ' || g || ' about an order that has not arrived yet',
         'seed-' || g, now() - ($3 - g) * interval '1 minute'
       from c cross join generate_series(1, $3) g`,
      [projectId, convs, FILLER_SIZE],
    );
    count += convs * FILLER_SIZE;
  }
  await db.query('vacuum analyze messages');
  await db.query('analyze conversations');
  return Number((await db.query<{ n: string }>('select count(*) as n from messages')).rows[0].n);
}

const time = (samples: number, fn: () => Promise<void>) => timeSequential(samples, WARMUP, fn);

/** A `before` cursor in the middle of the conversation: `before=<seq>`, or by following nextCursor. */
async function middleCursor(
  base: string,
  conversationId: string,
  auth: Record<string, string>,
): Promise<string> {
  const mid = String(Math.floor(LONG_CONVERSATION / 2));
  const direct = await request(
    'GET',
    `${base}/api/v1/conversations/${conversationId}/messages?before=${mid}&limit=${PAGE}`,
    {
      headers: auth,
    },
  );
  if (direct.status === 200 && direct.body?.data?.length === PAGE) return mid;
  log(`history: before=<seq> not accepted (${direct.status}); paging with nextCursor to the middle`);
  let cursor: string | undefined;
  for (let i = 0; i < LONG_CONVERSATION / PAGE / 2; i++) {
    const q = cursor ? `&before=${encodeURIComponent(cursor)}` : '';
    const res = await request(
      'GET',
      `${base}/api/v1/conversations/${conversationId}/messages?limit=${PAGE}${q}`,
      { headers: auth },
    );
    if (res.status !== 200 || !res.body?.meta?.nextCursor) {
      throw new Error(`history page → ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    cursor = res.body.meta.nextCursor as string;
  }
  return cursor!;
}

export async function runHistory(opts: ScenarioOptions): Promise<ScenarioResult> {
  const sizes = opts.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const samples = opts.quick ? 300 : 1000;
  return withServer('history', async (env) => {
    const db = await connect(env.databaseUrl);
    try {
      const conversationId = await seedLongConversation(db, env.project.id);
      const auth = { authorization: `Bearer ${env.agent.accessToken}` };
      const bySize: SizeFigures[] = [];
      let cursor: string | undefined;
      for (const size of sizes) {
        log(`history: seeding to ${size.toLocaleString('en')} messages`);
        const tableRows = await growTo(db, env.project.id, size);
        cursor ??= await middleCursor(env.base, conversationId, auth);
        const before = cursor;
        const url = `${env.base}/api/v1/conversations/${conversationId}/messages?before=${encodeURIComponent(before)}&limit=${PAGE}`;
        const check = await request('GET', url, { headers: auth });
        if (check.status !== 200 || check.body?.data?.length !== PAGE) {
          throw new Error(`history read → ${check.status}: ${JSON.stringify(check.body).slice(0, 300)}`);
        }
        const seqBefore = Math.max(...(check.body.data as { seq: number }[]).map((m) => m.seq)) + 1;
        log(`history: ${samples} reads at ${tableRows.toLocaleString('en')} rows`);
        const server = await time(samples, async () => {
          const r = await request('GET', url, { headers: auth });
          if (r.status !== 200) throw new Error(`history read → ${r.status}`);
        });
        const sqlFloor = await time(samples, async () => {
          await db.query(HISTORY_SQL, [conversationId, seqBefore]);
        });
        const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${HISTORY_SQL}`, [
          conversationId,
          seqBefore,
        ]);
        const explain = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
        bySize.push({ tableRows, server, sqlFloor, explain });
      }
      const first = bySize[0];
      const last = bySize[bySize.length - 1];
      const growth = first.server.p50 ? last.server.p50 / first.server.p50 : NaN;
      const growthP99 = first.server.p99 ? last.server.p99 / first.server.p99 : NaN;
      printTable(
        `History: GET /api/v1/conversations/:id/messages?before=<middle>&limit=${PAGE} (agent), ${samples} sequential reads`,
        ['messages', 'p50 ms', 'p99 ms', 'max ms', 'SQL p50 ms', 'SQL p99 ms', 'p50 vs SQL'],
        bySize.map((s) => [
          s.tableRows.toLocaleString('en'),
          s.server.p50,
          s.server.p99,
          s.server.max,
          s.sqlFloor.p50,
          s.sqlFloor.p99,
          `${fmt(s.server.p50 / s.sqlFloor.p50, 1)}×`,
        ]),
      );
      process.stdout.write(
        `growth ${first.tableRows.toLocaleString('en')} → ${last.tableRows.toLocaleString('en')}: p50 ${fmt(growth, 2)}×, p99 ${fmt(growthP99, 2)}×\n`,
      );
      process.stdout.write(
        `\nEXPLAIN (ANALYZE, BUFFERS) at ${last.tableRows.toLocaleString('en')} rows:\n${HISTORY_SQL}\n${last.explain}\n`,
      );
      const indexScan = bySize.every(
        (s) => /Index (Only )?Scan/.test(s.explain) && !/Seq Scan/.test(s.explain),
      );
      return {
        figures: {
          pageSize: PAGE,
          longConversation: LONG_CONVERSATION,
          samples,
          query: HISTORY_SQL,
          bySize,
          growthP50: round(growth, 3),
          growthP99: round(growthP99, 3),
          indexScan,
        },
        targets: [
          ...bySize.map((s) => ({
            scenario: 'History',
            metric: `p99 page read @${s.tableRows.toLocaleString('en')} rows`,
            target: '< 10 ms',
            measured: `${s.server.p99} ms (p50 ${s.server.p50})`,
            baseline: `SQL alone ${s.sqlFloor.p99} ms (p50 ${s.sqlFloor.p50})`,
            ratio: `${fmt(s.server.p99 / s.sqlFloor.p99, 1)}×`,
            met: s.server.p99 < 10,
          })),
          {
            scenario: 'History',
            metric: `growth ${first.tableRows.toLocaleString('en')} → ${last.tableRows.toLocaleString('en')} rows (p50)`,
            target: '< 1.5× (10^4 → 10^6)',
            measured: `${fmt(growth, 2)}× (p99 ${fmt(growthP99, 2)}×), ${indexScan ? 'index scan' : 'NOT an index scan'}`,
            baseline: '—',
            ratio: '—',
            met: growth < 1.5 && indexScan,
          },
        ],
      };
    } finally {
      await db.end();
    }
  });
}
