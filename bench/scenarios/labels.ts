import { request } from '../lib/http';
import { withServer } from '../lib/env';
import { connect } from '../lib/pg';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { log, printTable, round, timeSequential, type LatencySummary } from '../lib/util';
import { growTo } from './inbox';

const PAGE = 50;

/**
 * Labels on the agent inbox (issue 14): the same inbox page before any conversation has a label
 * (the baseline, measured in this run) and after a third of them got 1–3 labels each (one more
 * query per page for the chips); then the `label` filter for a common and a rare label.
 */
export async function runLabels(opts: ScenarioOptions): Promise<ScenarioResult> {
  const size = opts.quick ? 20_000 : 100_000;
  const samples = opts.quick ? 200 : 500;
  return withServer('labels', async (env) => {
    const db = await connect(env.databaseUrl);
    try {
      const headers = { authorization: `Bearer ${env.agent.accessToken}` };
      const page = (query: string) => async () => {
        const r = await request('GET', `${env.base}/api/v1/conversations?limit=${PAGE}${query}`, { headers });
        if (r.status !== 200 || r.body?.data?.length !== PAGE)
          throw new Error(`inbox ${query} → ${r.status}`);
      };
      log(`labels: seeding ${size.toLocaleString('en')} conversations`);
      await growTo(db, env.project.id, size);
      const baseline = await timeSequential(samples, 20, page(''));

      const ids: string[] = [];
      for (const [name, color] of [
        ['common', '#1f6feb'],
        ['rare', '#d73a49'],
        ['billing', '#1f883d'],
        ['bug', '#6f42c1'],
      ]) {
        const r = await request('POST', `${env.base}/api/v1/teams/${env.agent.teamId}/labels`, {
          headers,
          body: { name, color },
        });
        if (r.status !== 201) throw new Error(`create label → ${r.status}`);
        ids.push(r.body.data.id);
      }
      const [common, rare, ...others] = ids;
      // A third of the conversations get "common" (and maybe more); 2% get "rare".
      await db.query(
        `insert into conversation_labels (conversation_id, label_id)
         select c.id, l.id from conversations c cross join unnest($1::uuid[]) with ordinality l(id, n)
         where (l.n = 1 and c.id::text < '55') or (l.n = 2 and c.id::text < '05')
           or (l.n > 2 and c.id::text < '55' and random() < 0.5)`,
        [[common, rare, ...others]],
      );
      await db.query('analyze conversation_labels');
      const labelled = await timeSequential(samples, 20, page(''));
      const byCommon = await timeSequential(samples, 20, page(`&label=${common}`));
      const byRare = await timeSequential(samples, 20, page(`&label=${rare}`));

      const rows: [string, LatencySummary][] = [
        ['inbox, no labels yet (baseline)', baseline],
        ['inbox, a third labelled (chips on the page)', labelled],
        ['inbox ?label=common (~1/3 of conversations)', byCommon],
        ['inbox ?label=rare (~2%)', byRare],
      ];
      printTable(
        `Labels: GET /api/v1/conversations, page of ${PAGE}, ${size.toLocaleString('en')} conversations, ${samples} sequential reads`,
        ['case', 'p50 ms', 'p99 ms'],
        rows.map(([name, l]) => [name, String(l.p50), String(l.p99)]),
      );
      const ratio = labelled.p50 / baseline.p50;
      return {
        figures: {
          conversations: size,
          samples,
          byCase: Object.fromEntries(rows),
          labelledOverBaselineP50: round(ratio, 3),
        },
        targets: [
          {
            scenario: 'Labels',
            metric: 'inbox page p50 with labels / without (same run)',
            target: '< 1.25× (own target)',
            measured: `${fmt(labelled.p50, 2)} ms (filter rare p99 ${byRare.p99} ms)`,
            baseline: `${fmt(baseline.p50, 2)} ms`,
            ratio: `${fmt(ratio, 2)}×`,
            met: ratio < 1.25,
          },
        ],
      };
    } finally {
      await db.end();
    }
  });
}
