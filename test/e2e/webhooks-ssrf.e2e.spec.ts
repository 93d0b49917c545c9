import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { startConversation } from '../factories/widget';
import { expectError } from '../support/expect-error';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { WebhookDeliveryService } from '../../src/modules/webhooks/webhook-delivery.service';
import { OutboxDispatcher } from '../../src/platform/outbox/outbox.dispatcher';

// WEBHOOK_ALLOW_PRIVATE_NETWORKS is off (its default): no webhook may reach this machine or its network.
describe('webhooks: SSRF guard', () => {
  let s: AppWithProject;
  let receiver: WebhookReceiver;

  before(async () => {
    s = await startAppWithProject();
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await s.t.close();
    await receiver.close();
  });

  const createWith = (url: string) =>
    s.api.post(`/api/v1/projects/${s.project.id}/webhooks`, { token: s.owner.token, body: { url } });

  for (const url of [
    'http://127.0.0.1/hooks',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/hooks',
    'http://localhost:8080/hooks',
    'http://10.0.0.7/hooks',
    'http://100.64.1.1/hooks',
    'http://[fd00:ec2::254]/hooks',
    'http://[::ffff:127.0.0.1]/hooks',
    'http://0.0.0.0/hooks',
  ]) {
    it(`refuses ${url} at creation`, async () => {
      const res = await createWith(url);
      expectError(res, 400, 'WEBHOOK_URL_NOT_ALLOWED');
      expect(res.body.error.details).toEqual([
        // Generic: naming the resolved address would let a team admin probe internal DNS.
        { path: 'url', message: 'must resolve to a public address' },
      ]);
    });
  }

  it('refuses a PATCH to a private address', async () => {
    // Written directly: no public address is reachable from the test machine.
    const [{ id }] = (
      (await s.t.database.db.execute(
        sql`insert into webhooks (id, project_id, url, events, secret)
            values (gen_random_uuid(), ${s.project.id}, 'https://hooks.example.com/x', '{*}', 'whsec_test')
            returning id`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    const res = await s.api.patch(`/api/v1/webhooks/${id}`, {
      token: s.owner.token,
      body: { url: 'http://127.0.0.1:1/x' },
    });
    expectError(res, 400, 'WEBHOOK_URL_NOT_ALLOWED');
    await s.t.database.db.execute(sql`delete from webhooks where id = ${id}`);
  });

  it('checks again at delivery: an endpoint whose host now resolves to a private address fails the attempt', async () => {
    // As if its host had been rebound to 127.0.0.1 after it was created.
    const [{ id }] = (
      (await s.t.database.db.execute(
        sql`insert into webhooks (id, project_id, url, events, secret)
            values (gen_random_uuid(), ${s.project.id}, ${receiver.url}, '{message.created}', 'whsec_test')
            returning id`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    await startConversation(s.api, s.project, 'Hello');
    await s.t.app.get(OutboxDispatcher).drain();
    await s.t.app.get(WebhookDeliveryService).idle();
    const log = await s.api.get(`/api/v1/webhooks/${id}/deliveries`, { token: s.owner.token });
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'URL refused: must resolve to a public address',
    });
    expect(receiver.received).toEqual([]);
  });
});
