/**
 * The send route's Node-side cost without sockets: boots the app in this process, sends N widget
 * messages through fastify.inject (16 in flight) and prints CPU µs per send; with PROFILE=1 also
 * writes bench/results/inject-<pid>.cpuprofile of the measured window.
 *   node --require @swc-node/register bench/probes/send-inject.ts [N]
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { startTestApp } from '../../test/support/test-app';
import { createFixture, sendWidgetMessage } from '../lib/api';
import { mapLimit } from '../lib/util';

const BODY = 'Hi! My order #1234 has not arrived yet, can you check where it is?';

async function main() {
  const n = Number(process.argv[2] ?? 3000);
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const t = await startTestApp({ RATE_LIMIT_ENABLED: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production' });
  const fastify = t.app.getHttpAdapter().getInstance() as FastifyInstance;
  const f = await createFixture(t.url);
  const visitors = await mapLimit(Array.from({ length: 16 }), 4, () => sendWidgetMessage(t.url, f.project));
  let i = 0;
  const send = async () => {
    const v = visitors[i++ % visitors.length];
    const res = await fastify.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: { 'content-type': 'application/json', 'x-project-key': f.project.publicKey, 'x-visitor-token': v.visitorToken },
      payload: JSON.stringify({ body: BODY, clientMessageId: randomUUID(), conversationId: v.conversationId }),
    });
    if (res.statusCode !== 201) throw new Error(`send ${res.statusCode} ${res.body}`);
  };
  await mapLimit(Array.from({ length: 500 }), 16, send);
  const session = new Session();
  if (process.env.PROFILE === '1') {
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 200 });
    session.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await mapLimit(Array.from({ length: n }), 16, send);
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  console.log(`sends ${n}: ${((cpu.user + cpu.system) / n).toFixed(0)} µs CPU/send (user ${(cpu.user / n).toFixed(0)}), ${(n / (ms / 1000)).toFixed(0)} sends/s`);
  if (process.env.PROFILE === '1') {
    await new Promise<void>((done) =>
      session.post('Profiler.stop', (err, res) => {
        if (!err) writeFileSync(resolve(__dirname, `../results/inject-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
        done();
      }),
    );
  }
  await t.close();
}
void main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
