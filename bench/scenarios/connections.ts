import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { sendWidgetMessage } from '../lib/api';
import { withServer } from '../lib/env';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { closeAll, connectSocket } from '../lib/sockets';
import { log, mapLimit, openFileLimit, printTable, round, rssKiB, sleep } from '../lib/util';

const IN_FLIGHT = 100; // concurrent handshakes
const VISITOR_TOKENS = 100; // used only if the widget namespace refuses a socket without a visitor token
const SETTLE_MS = 3000;
const FD_HEADROOM = 200;

/**
 * Opens many idle widget sockets (websocket transport, one Manager each) and reads the server's VmRSS
 * before and after: the RSS delta per socket and the handshake rate.
 */
export async function runConnections(opts: ScenarioOptions): Promise<ScenarioResult> {
  const wanted = opts.quick ? 2000 : 10_000;
  return withServer('connections', async (env) => {
    const limit = Math.min(openFileLimit('self'), openFileLimit(env.server.pid));
    const n = Math.min(wanted, limit - FD_HEADROOM);
    if (n < wanted)
      log(
        `connections: open-file limit ${limit}; opening ${n} sockets instead of ${wanted} (raise ulimit -n)`,
      );

    const url = `${env.base}/widget`;
    let auths: Record<string, string>[] = [{ projectKey: env.project.publicKey }];
    try {
      const probe = await connectSocket(url, auths[0]);
      probe.disconnect();
    } catch (err) {
      log(
        `connections: widget socket without visitor token refused (${(err as Error).message}); using ${VISITOR_TOKENS} visitor tokens`,
      );
      const convs = await mapLimit(Array.from({ length: VISITOR_TOKENS }), 8, () =>
        sendWidgetMessage(env.base, env.project),
      );
      auths = convs.map((c) => ({ projectKey: env.project.publicKey, visitorToken: c.visitorToken }));
      (await connectSocket(url, auths[0])).disconnect(); // fail fast when there is no widget gateway at all
    }
    await sleep(SETTLE_MS);
    const rssBefore = rssKiB(env.server.pid);

    const sockets: Socket[] = [];
    let failed = 0;
    let firstError: string | undefined;
    try {
      log(`connections: opening ${n} widget sockets, ${IN_FLIGHT} handshakes in flight`);
      const start = performance.now();
      await mapLimit(Array.from({ length: n }), IN_FLIGHT, async (_, i) => {
        try {
          sockets.push(await connectSocket(url, auths[i % auths.length], 20_000));
        } catch (err) {
          failed++;
          firstError ??= (err as Error).message;
        }
      });
      const elapsedSec = (performance.now() - start) / 1000;
      await sleep(SETTLE_MS);
      const connected = sockets.filter((s) => s.connected).length;
      const rssAfter = rssKiB(env.server.pid);
      if (firstError) log(`connections: ${failed} failed, first: ${firstError}`);

      const perSocketKiB = connected ? (rssAfter - rssBefore) / connected : NaN;
      const handshakesPerSec = sockets.length / elapsedSec;
      printTable(
        `Connections: idle widget sockets (websocket, one Manager each)`,
        [
          'sockets',
          'connected',
          'failed',
          'handshake/s',
          'open time s',
          'RSS before MiB',
          'RSS after MiB',
          'KiB/socket',
        ],
        [
          [
            n,
            connected,
            failed,
            fmt(handshakesPerSec, 0),
            fmt(elapsedSec, 1),
            fmt(rssBefore / 1024),
            fmt(rssAfter / 1024),
            fmt(perSocketKiB),
          ],
        ],
      );
      return {
        figures: {
          requested: wanted,
          opened: n,
          connected,
          failed,
          firstError,
          handshakesPerSec: round(handshakesPerSec, 0),
          openSeconds: round(elapsedSec, 2),
          rssBeforeKiB: rssBefore,
          rssAfterKiB: rssAfter,
          perSocketKiB: round(perSocketKiB, 2),
          withVisitorToken: auths.length > 1,
        },
        targets: [
          {
            scenario: 'Connections',
            metric: `RSS per idle socket @${connected} sockets`,
            target: '≤ 30 KiB (at 10,000)',
            measured: `${fmt(perSocketKiB)} KiB (${fmt(handshakesPerSec, 0)} handshakes/s)`,
            baseline: '—',
            ratio: '—',
            met: connected === n && perSocketKiB <= 30,
          },
        ],
      };
    } finally {
      closeAll(sockets);
      await sleep(500);
    }
  });
}
