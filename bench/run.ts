/**
 * Spectre benchmark suite (issue 5). Usage:
 *   npm run bench                       every scenario (the four, plus inbox), full sizes
 *   npm run bench -- --quick            reduced sizes, under 2 minutes
 *   npm run bench -- --only=send,history --no-build
 *   npm run bench -- --only=widget                 the widget's load times in Chromium
 *   npm run bench -- --quick --only=send --cpu-prof   also writes bench/results/server-<pid>.cpuprofile
 * Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth; override with BENCH_PG_URL).
 * Figures go to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { closeAgent } from './lib/http';
import { ADMIN_URL, assertLoopback, dropAllDatabases, postgresVersion } from './lib/pg';
import { buildServer, killAllChildren, ROOT } from './lib/proc';
import type { ScenarioOptions, ScenarioResult, TargetRow } from './lib/results';
import { log, machineInfo, printTable } from './lib/util';
import { runConnections } from './scenarios/connections';
import { runDelivery } from './scenarios/delivery';
import { runHistory } from './scenarios/history';
import { runInbox } from './scenarios/inbox';
import { runLabels } from './scenarios/labels';
import { runSearch } from './scenarios/search';
import { runReports } from './scenarios/reports';
import { runSend } from './scenarios/send';
import { runWebhooks } from './scenarios/webhooks';
import { runWidget } from './scenarios/widget';

const SCENARIOS: Record<string, (o: ScenarioOptions) => Promise<ScenarioResult>> = {
  send: runSend,
  delivery: runDelivery,
  connections: runConnections,
  history: runHistory,
  inbox: runInbox,
  labels: runLabels,
  widget: runWidget,
  search: runSearch,
  webhooks: runWebhooks,
  reports: runReports,
};

const RESULTS = resolve(ROOT, 'bench/results/latest.json');

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const build = !argv.includes('--no-build');
  // Profile every server process the run starts (see bench/lib/cpu-profile.ts).
  if (argv.includes('--cpu-prof')) process.env.BENCH_CPU_PROF = '1';
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const names = only ? only.split(',').map((s) => s.trim()) : Object.keys(SCENARIOS);
  const unknown = names.filter((n) => !SCENARIOS[n]);
  if (unknown.length)
    throw new Error(`unknown scenario(s): ${unknown.join(', ')} (have ${Object.keys(SCENARIOS).join(', ')})`);
  return { quick, build, names };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  assertLoopback(ADMIN_URL);
  const started = Date.now();
  const machine = { ...machineInfo(), postgres: await postgresVersion() };
  log(
    `${args.quick ? 'quick' : 'full'} run: ${args.names.join(', ')} on ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB`,
  );
  if (args.build) buildServer();

  const output = {
    startedAt: new Date(started).toISOString(),
    mode: args.quick ? 'quick' : 'full',
    command: `npm run bench${args.quick ? ' -- --quick' : ''}`,
    machine,
    scenarios: {} as Record<string, Record<string, unknown>>,
    summary: [] as TargetRow[],
    durationSec: 0,
  };
  const save = () => {
    output.durationSec = Math.round((Date.now() - started) / 1000);
    mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(RESULTS, JSON.stringify(output, null, 2) + '\n');
  };

  let failures = 0;
  for (const name of args.names) {
    const t = Date.now();
    log(`── ${name}`);
    try {
      const r = await SCENARIOS[name]({ quick: args.quick });
      output.scenarios[name] = { ...r.figures, seconds: Math.round((Date.now() - t) / 1000) };
      output.summary.push(...r.targets);
    } catch (err) {
      failures++;
      const message = (err as Error).stack ?? String(err);
      log(`${name} FAILED: ${message}`);
      output.scenarios[name] = { error: (err as Error).message };
      output.summary.push({
        scenario: name,
        metric: '(did not run)',
        target: '',
        measured: `error: ${(err as Error).message.split('\n')[0]}`,
        baseline: '',
        ratio: '',
        met: false,
      });
    }
    save();
  }

  printTable(
    `Summary (${output.mode}, ${Math.round((Date.now() - started) / 1000)} s) — ${machine.cpus} × ${machine.model}`,
    ['scenario', 'metric', 'target', 'measured', 'baseline', 'ratio', 'met?'],
    output.summary.map((r) => [
      r.scenario,
      r.metric,
      r.target,
      r.measured,
      r.baseline,
      r.ratio,
      r.met === null ? 'n/a' : r.met ? 'yes' : 'NO',
    ]),
  );
  save();
  process.stdout.write(`\nresults: ${RESULTS}\n`);
  return failures ? 1 : 0;
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    killAllChildren();
    closeAgent();
    await dropAllDatabases();
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping children and dropping bench databases`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', killAllChildren);
process.on('uncaughtException', (err) => {
  log(`uncaught: ${err.stack ?? String(err)}`);
  void cleanup().finally(() => process.exit(1));
});

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    log(`bench failed: ${(err as Error).stack ?? String(err)}`);
    await cleanup();
    process.exit(1);
  });
