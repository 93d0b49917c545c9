/**
 * Which statements one widget send costs, all of them (the request's and the outbox dispatcher's),
 * and the server-side CPU and WAL per send: boots the app in this process against a fresh database,
 * counts node-postgres queries by their first words, and sends N messages at 16 in flight.
 *   node --require @swc-node/register bench/probes/send-queries.ts [N]
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { startTestApp } from '../../test/support/test-app';
import { createFixture, sendWidgetMessage } from '../lib/api';
import { mapLimit } from '../lib/util';

async function main() {
  const n = Number(process.argv[2] ?? 2000);
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const t = await startTestApp({ RATE_LIMIT_ENABLED: 'false', LOG_LEVEL: 'warn' });
  const counts = new Map<string, number>();
  let counting = false;
  const query = Client.prototype.query as (...a: any[]) => any;
  (Client.prototype as any).query = function (this: Client, q: any, ...rest: any[]) {
    if (counting) {
      const text: string = typeof q === 'string' ? q : (q?.name ? `[${q.name}] ` : '') + (q?.text ?? '');
      const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return query.call(this, q, ...rest);
  };
  const f = await createFixture(t.url);
  const visitors = await mapLimit(Array.from({ length: 16 }), 4, () => sendWidgetMessage(t.url, f.project));
  const admin = new Client({ connectionString: t.databaseUrl });
  await admin.connect();
  // A temporary slot keeps the run's WAL on disk for pg_waldump until this session ends.
  await admin.query("select pg_create_physical_replication_slot('probe_' || pg_backend_pid(), true, true)");
  const lsn = async () => (await admin.query('select pg_current_wal_lsn() as l')).rows[0].l as string;
  const lsnBytes = async (a: string) =>
    Number((await admin.query('select pg_wal_lsn_diff(pg_current_wal_lsn(), $1) as d', [a])).rows[0].d);
  await new Promise((r) => setTimeout(r, 1500));
  counting = true;
  const lsn0 = await lsn();
  const cpu0 = process.cpuUsage();
  let i = 0;
  await mapLimit(Array.from({ length: n }), 16, async () => {
    const v = visitors[i++ % visitors.length];
    const res = await fetch(`${t.url}/api/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-project-key': f.project.publicKey,
        'x-visitor-token': v.visitorToken,
      },
      body: JSON.stringify({
        body: 'Hi! My order #1234 has not arrived yet, can you check where it is?',
        clientMessageId: randomUUID(),
        conversationId: v.conversationId,
      }),
    });
    if (res.status !== 201) throw new Error(`send ${res.status}`);
    await res.arrayBuffer();
  });
  await new Promise((r) => setTimeout(r, 1500));
  const cpu = process.cpuUsage(cpu0);
  const wal = await lsnBytes(lsn0);
  counting = false;
  const oid = (await admin.query("select oid from pg_database where datname = current_database()")).rows[0].oid;
  console.log(`WAL range ${lsn0} ${await lsn()} database oid ${oid}`);
  console.log(
    `sends ${n}; process CPU (server + fetch client) ${((cpu.user + cpu.system) / n).toFixed(0)} µs/send; WAL ${(wal / n).toFixed(0)} B/send`,
  );
  for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]))
    console.log(`${(v / n).toFixed(3).padStart(7)}  ${k}`);
  walRecords(lsn0, await lsn(), Number(oid), n);
  await admin.end();
  await t.close();
}
void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

/** This database's WAL records between two LSNs by kind, per send (pg_waldump; PostgreSQL 15 layout). */
function walRecords(from: string, to: string, oid: number, sends: number): void {
  const dump = spawnSync(
    '/usr/lib/postgresql/15/bin/pg_waldump',
    ['-p', '/var/lib/postgresql/15/main/pg_wal', '-s', from, '-e', to],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (dump.status !== 0 && !dump.stdout) return console.log(`pg_waldump: ${dump.stderr.slice(0, 200)}`);
  const kinds = new Map<string, { n: number; bytes: number }>();
  for (const line of dump.stdout.split('\n')) {
    const m = /^rmgr: (\S+)\s+len \(rec\/tot\):\s+\d+\/\s*(\d+),.*desc: (\S+)/.exec(line);
    if (!m || !(line.includes(`rel 1663/${oid}/`) || m[3] === 'COMMIT')) continue;
    const k = `${m[1]} ${m[3]}`;
    const e = kinds.get(k) ?? { n: 0, bytes: 0 };
    e.n++;
    e.bytes += Number(m[2]);
    kinds.set(k, e);
  }
  console.log('WAL records of this database per send (kind, records, bytes):');
  for (const [k, e] of [...kinds].sort((a, b) => b[1].bytes - a[1].bytes)) {
    console.log(`  ${k.padEnd(28)} ${(e.n / sends).toFixed(2).padStart(6)} ${(e.bytes / sends).toFixed(0).padStart(6)}`);
  }
}
