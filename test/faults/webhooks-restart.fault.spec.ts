import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { widgetHeaders } from '../factories/widget';
import { httpClient } from '../support/http';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { waitUntil } from './support/processes';
import { seedThroughApi, type FaultSeed } from './support/seed';
import { startServer, type ServerProcess } from './support/server-process';

const EVENTS = 10;
// development: http to the test's receiver (production accepts https only); debug: the most logging.
const ENV = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'debug',
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_RETRY_BASE_MS: '10000',
};

describe('kill -9 of a node with webhook retries pending', () => {
  let pg: PrivatePostgres;
  let a: ServerProcess;
  let b: ServerProcess | undefined;
  let seed: FaultSeed;
  let receiver: WebhookReceiver;

  before(async () => {
    pg = await startPrivatePostgres();
    a = await startServer({ env: { ...ENV, DATABASE_URL: pg.url() } });
    seed = await seedThroughApi(a.url);
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await receiver?.close();
    await pg?.cleanup();
  });

  it('sends them after the restart, with the same event ids, and never logs the secret', async () => {
    const created = await httpClient(a.url).post(`/api/v1/projects/${seed.project.id}/webhooks`, {
      token: seed.owner.token,
      body: { url: receiver.url, events: ['message.created'] },
    });
    expect(created.status).toBe(201);
    const { id: webhookId, secret } = created.body.data as { id: string; secret: string };

    receiver.respond = () => ({ status: 503 });
    for (let i = 0; i < EVENTS; i++) {
      const res = await httpClient(a.url).post('/api/v1/messages', {
        headers: widgetHeaders(seed.project.publicKey, seed.visitorToken),
        body: { body: `pending ${i}`, clientMessageId: randomUUID(), conversationId: seed.conversationId },
      });
      expect(res.status).toBe(201);
    }
    const failedOnce = await receiver.waitFor(EVENTS);
    // Kill once the 503s are in the log: an attempt whose outcome is not written yet when the node dies
    // is just made again when its lease ends (at least once), and its log would then start with a 200.
    await waitUntil(
      'every first attempt logged',
      async () => {
        const log = await httpClient(a.url).get(`/api/v1/webhooks/${webhookId}/deliveries?limit=100`, {
          token: seed.owner.token,
        });
        return log.body.data.filter((d: any) => d.attemptLog.length > 0).length >= EVENTS;
      },
      15_000,
    );
    await a.kill9();
    const eventIds = new Set(failedOnce.map((r) => r.headers['spectre-event-id']));
    expect(eventIds.size).toBe(EVENTS);

    receiver.respond = () => ({ status: 200 });
    const restartedAt = receiver.received.length;
    b = await startServer({ env: { ...ENV, DATABASE_URL: pg.url() } });
    await waitUntil(
      'every pending event delivered after the restart',
      async () =>
        new Set(receiver.received.slice(restartedAt).map((r) => r.headers['spectre-event-id'])).size >=
        EVENTS,
      // Retries are due 10–12 s after their first attempt; an attempt in flight at the kill waits out its 60 s lease.
      90_000,
      100,
    );
    const after = receiver.received.slice(restartedAt).map((r) => r.headers['spectre-event-id']);
    expect(new Set(after)).toEqual(eventIds);

    const log = await httpClient(b.url).get(`/api/v1/webhooks/${webhookId}/deliveries?limit=100`, {
      token: seed.owner.token,
    });
    const pending = log.body.data.filter((d: any) => eventIds.has(d.eventId));
    expect(pending.map((d: any) => d.status)).toEqual(Array(EVENTS).fill('delivered'));
    const delivered = pending;
    const others = receiver.received.filter((r) => !eventIds.has(r.headers['spectre-event-id']));
    if (others.length)
      console.log(
        'other deliveries:',
        others.map((r) => r.raw.slice(0, 400)),
      );
    for (const d of delivered) expect(d.attemptLog.at(0).statusCode).toBe(503);

    expect(a.output()).not.toContain(secret);
    expect(b.output()).not.toContain(secret);
    console.log(
      `FAULT FIGURES webhooks-restart: ${EVENTS} events pending at kill -9, ${new Set(after).size} delivered after restart, 0 lost`,
    );
  });
});
