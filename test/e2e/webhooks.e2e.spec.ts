import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { startAppWithProject } from '../factories/app-with-project';
import { registerAccount, registerMember, type Account, type ProjectInfo } from '../factories/accounts';
import { agentReply, startConversation, visitorSend } from '../factories/widget';
import { expectError } from '../support/expect-error';
import type { HttpClient } from '../support/http';
import type { TestApp } from '../support/test-app';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../support/webhook-receiver';
import { WebhookDeliveryService } from '../../src/modules/webhooks/webhook-delivery.service';
import { OutboxDispatcher } from '../../src/platform/outbox/outbox.dispatcher';
import { WebhookRetentionService } from '../../src/modules/webhooks/webhook-retention.service';
import type { OutboxEvent } from '../../src/platform/outbox/outbox.repository';

const BASE_MS = 50;

describe('webhooks: signed, retried, logged', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let receiver: WebhookReceiver;
  const outboxSeen: OutboxEvent[] = [];

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject({
      env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: String(BASE_MS) },
    }));
    t.app
      .get(OutboxDispatcher)
      .register({ name: 'test-recorder', handle: async (e) => void outboxSeen.push(e) });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });
  beforeEach(async () => {
    // A test that failed half-way leaves no endpoint behind for the next one.
    await t.database.db.execute(sql`delete from webhooks`);
    receiver.received.length = 0;
    receiver.respond = () => ({ status: 200, body: 'ok' });
  });

  const create = async (body: Record<string, unknown> = {}, url = receiver.url) => {
    const res = await api.post(`/api/v1/projects/${project.id}/webhooks`, {
      token: owner.token,
      body: { url, ...body },
    });
    expect(res.status).toBe(201);
    return res.body.data as { id: string; secret: string; events: string[] };
  };
  const remove = (id: string) => api.delete(`/api/v1/webhooks/${id}`, { token: owner.token });
  const deliveries = async (id: string, query = '') =>
    (await api.get(`/api/v1/webhooks/${id}/deliveries${query}`, { token: owner.token })).body;
  const ofType = (type: string) => (r: { body: any }) => r.body?.type === type;

  it('shows the secret only on create; agents may not manage webhooks, outsiders do not see them', async () => {
    const hook = await create({ description: 'CRM sync' });
    expect(hook.secret).toMatch(/^whsec_[\w-]{32}$/);
    expect(hook.events).toEqual(['*']);
    const got = await api.get(`/api/v1/webhooks/${hook.id}`, { token: owner.token });
    expect(got.body.data).toMatchObject({
      id: hook.id,
      url: receiver.url,
      enabled: true,
      includePrivate: false,
    });
    expect(got.body.data).not.toHaveProperty('secret');
    const listed = await api.get(`/api/v1/projects/${project.id}/webhooks`, { token: owner.token });
    expect(listed.body.data.map((w: any) => w.id)).toContain(hook.id);
    expect(JSON.stringify(listed.body)).not.toContain(hook.secret);

    const agent = await registerMember(api, owner, 'Agent', 'agent');
    expectError(
      await api.get(`/api/v1/webhooks/${hook.id}`, { token: agent.token }),
      403,
      'INSUFFICIENT_ROLE',
    );
    const outsider = await registerAccount(api, 'Outsider');
    expectError(
      await api.get(`/api/v1/webhooks/${hook.id}`, { token: outsider.token }),
      404,
      'WEBHOOK_NOT_FOUND',
    );
    expectError(
      await api.post(`/api/v1/webhooks/${hook.id}/test`, { token: outsider.token }),
      404,
      'WEBHOOK_NOT_FOUND',
    );
    expectError(
      await api.post(`/api/v1/projects/${project.id}/webhooks`, {
        token: outsider.token,
        body: { url: receiver.url },
      }),
      404,
      'PROJECT_NOT_FOUND',
    );
    expectError(
      await api.post(`/api/v1/projects/${project.id}/webhooks`, {
        token: owner.token,
        body: { url: receiver.url, events: ['message.deleted'] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    await remove(hook.id);
  });

  it('signs each event with the public views as data and the documented headers', async () => {
    const hook = await create();
    const s = await startConversation(api, project, 'Hello there');
    const reply = await agentReply(api, owner.token, s.conversationId, 'Hi, how can I help?');
    const got = await receiver.waitFor(4);
    expect(got.map((r) => r.body.type).sort()).toEqual([
      'conversation.created',
      'message.created',
      'message.created',
      'visitor.created',
    ]);
    for (const r of got) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toBe('Spectre-Webhooks/1.0');
      expect(r.headers['spectre-event-id']).toBe(r.body.id);
      expect(r.headers['spectre-event-type']).toBe(r.body.type);
      expect(r.body.id).toMatch(/^evt_[0-9a-f]{24}$/);
      expect(r.body.projectId).toBe(project.id);
      expect(r.headers['spectre-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(r.headers['spectre-signature'] as string, r.raw, hook.secret)).toBe(true);
      expect(verifySignature(r.headers['spectre-signature'] as string, r.raw, 'whsec_wrong')).toBe(false);
    }
    expect(new Set(got.map((r) => r.body.id)).size).toBe(4);
    const agentMessage = got.find((r) => r.body.data.message?.id === reply.id)!;
    expect(agentMessage.body.data.message).toEqual({ ...reply });
    expect(agentMessage.body.data.conversation).toMatchObject({
      id: s.conversationId,
      projectId: project.id,
    });
    const created = got.find(ofType('conversation.created'))!;
    expect(created.body.data.conversation).toMatchObject({ id: s.conversationId, status: 'open' });
    const visitor = got.find(ofType('visitor.created'))!;
    expect(visitor.body.data.visitor).toMatchObject({ verified: false, metadata: {} });
    expect(visitor.body.data.visitor).not.toHaveProperty('project_id');

    const patch = await api.patch(`/api/v1/conversations/${s.conversationId}`, {
      token: owner.token,
      body: { status: 'resolved' },
    });
    expect(patch.status).toBe(200);
    const [updated] = await receiver.waitFor(1, ofType('conversation.updated'));
    expect(updated.body.data).toMatchObject({ changes: ['status'], conversation: { status: 'resolved' } });
    await remove(hook.id);
  });

  it('sends internal notes only to endpoints with includePrivate, and only subscribed types', async () => {
    const everything = await create({ includePrivate: true });
    const messagesOnly = await create({ events: ['message.created'] });
    const s = await startConversation(api, project, 'A question');
    await agentReply(api, owner.token, s.conversationId, 'internal: VIP customer', true);
    await agentReply(api, owner.token, s.conversationId, 'public answer');
    const signedBy = (secret: string) => (r: any) =>
      verifySignature(r.headers['spectre-signature'], r.raw, secret);
    await receiver.waitFor(5, signedBy(everything.secret));
    await receiver.waitFor(2, signedBy(messagesOnly.secret));
    await t.app.get(OutboxDispatcher).drain();
    const bodies = (secret: string) =>
      receiver.received.filter(signedBy(secret)).map((r) => [r.body.type, r.body.data.message?.body]);
    expect(bodies(messagesOnly.secret).sort()).toEqual([
      ['message.created', 'A question'],
      ['message.created', 'public answer'],
    ]);
    expect(bodies(everything.secret)).toContainEqual(['message.created', 'internal: VIP customer']);
    await remove(everything.id);
    await remove(messagesOnly.id);
  });

  it('records a claimed batch once per event × endpoint, and nothing more when the batch comes again', async () => {
    const a = await create({ events: ['message.created'] });
    const b = await create({ events: ['message.created'] });
    const dispatcher = t.app.get(OutboxDispatcher);
    dispatcher.pause();
    outboxSeen.length = 0;
    const s = await startConversation(api, project, 'batch 0');
    for (let i = 1; i < 5; i++) await visitorSend(api, project, `batch ${i}`, s);
    await agentReply(api, owner.token, s.conversationId, 'batch reply');
    dispatcher.resume();
    await dispatcher.drain();
    const bySecret = (secret: string) =>
      receiver.received.filter((r) =>
        verifySignature(r.headers['spectre-signature'] as string, r.raw, secret),
      );
    await receiver.waitFor(12, () => true);
    for (const w of [a, b]) {
      const got = bySecret(w.secret).map((r) => r.body.data.message.body as string);
      expect(got.sort()).toEqual(['batch 0', 'batch 1', 'batch 2', 'batch 3', 'batch 4', 'batch reply']);
    }
    const reply = bySecret(a.secret).find((r) => r.body.data.message.body === 'batch reply')!;
    expect(reply.body.data.message.author).toEqual({ name: 'Agent', avatarUrl: null }); // registerAccount's default name

    const count = async () =>
      (
        (await t.database.db.execute(sql`select count(*)::int as n from webhook_deliveries`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0].n;
    const before = await count();
    await t.app.get(WebhookDeliveryService).recordBatch([...outboxSeen]);
    expect(await count()).toBe(before);
    await remove(a.id);
    await remove(b.id);
  });

  it('retries a failing endpoint with the same event id until it answers 2xx; the log shows every attempt', async () => {
    const hook = await create({ events: ['message.created'] });
    let calls = 0;
    receiver.respond = () => (++calls <= 2 ? { status: 500, body: 'x'.repeat(5000) } : { status: 204 });
    await startConversation(api, project, 'Retry me');
    const got = await receiver.waitFor(3);
    expect(new Set(got.map((r) => r.headers['spectre-event-id'])).size).toBe(1);
    expect(got.map((r) => r.headers['spectre-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(got.map((r) => r.raw)).size).toBe(1);

    let log: any;
    for (let i = 0; i < 100 && log?.status !== 'delivered'; i++) {
      [log] = (await deliveries(hook.id)).data;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(log).toMatchObject({
      status: 'delivered',
      attempts: 3,
      eventId: got[0].body.id,
      type: 'message.created',
      lastStatusCode: 204,
      nextAttemptAt: null,
    });
    expect(log.attemptLog.map((a: any) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 204],
    ]);
    const [a1, a2] = log.attemptLog.map((a: any) => Date.parse(a.at));
    expect(a2 - a1).toBeGreaterThanOrEqual(BASE_MS);
    await remove(hook.id);
  });

  it('keeps at most 1 KB of a response and does not follow redirects', async () => {
    const hook = await create({ events: ['message.created'] });
    const elsewhere = await startWebhookReceiver('/elsewhere');
    receiver.respond = () => ({ status: 302, headers: { location: elsewhere.url }, body: 'y'.repeat(4000) });
    await startConversation(api, project, 'Redirect me');
    await receiver.waitFor(2);
    const [log] = (await deliveries(hook.id)).data;
    expect(log).toMatchObject({ status: 'pending', lastStatusCode: 302 });
    expect(log.lastResponse.length).toBeLessThanOrEqual(1024);
    expect(elsewhere.received).toEqual([]);
    await elsewhere.close();
    await remove(hook.id);
  });

  it('honours Retry-After on 429 and 503', async () => {
    const hook = await create({ events: ['message.created'] });
    let calls = 0;
    receiver.respond = () =>
      ++calls === 1 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 };
    await startConversation(api, project, 'Later please');
    const [first, second] = await receiver.waitFor(2);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    await remove(hook.id);
  });

  it('signs with both secrets for a day after a rotation, and pings on request', async () => {
    const hook = await create({ events: ['visitor.updated'] });
    const rotated = await api.post(`/api/v1/webhooks/${hook.id}/rotate-secret`, { token: owner.token });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.data.secret as string;
    expect(fresh).not.toBe(hook.secret);
    expect(Date.parse(rotated.body.data.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(
      23.9 * 3600_000,
    );

    const ping = await api.post(`/api/v1/webhooks/${hook.id}/test`, { token: owner.token });
    expect(ping.status).toBe(202);
    const [got] = await receiver.waitFor(1, ofType('ping'));
    expect(got.body).toMatchObject({
      id: ping.body.data.eventId,
      projectId: project.id,
      data: { webhookId: hook.id },
    });
    const header = got.headers['spectre-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, got.raw, fresh)).toBe(true);
    expect(verifySignature(header, got.raw, hook.secret)).toBe(true);
    // A signature is over "<t>.<body>": the same v1 with another timestamp does not verify.
    expect(verifySignature(header.replace(/^t=\d+/, 't=1'), got.raw, fresh)).toBe(false);
    await remove(hook.id);
  });

  it('disables an endpoint that answers 410, writes webhook.disabled, and replays a delivery on request', async () => {
    const hook = await create({ events: ['message.created'] });
    receiver.respond = () => ({ status: 410 });
    await startConversation(api, project, 'Gone?');
    await receiver.waitFor(1);
    let got: any;
    for (let i = 0; i < 100 && got?.enabled !== false; i++) {
      got = (await api.get(`/api/v1/webhooks/${hook.id}`, { token: owner.token })).body.data;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(got).toMatchObject({ enabled: false, disabledReason: 'gone' });
    await t.app.get(OutboxDispatcher).drain();
    expect(outboxSeen.filter((e) => e.type === 'webhook.disabled').map((e) => e.payload)).toContainEqual({
      webhookId: hook.id,
      projectId: project.id,
      url: receiver.url,
      reason: 'gone',
    });
    const [failed] = (await deliveries(hook.id)).data;
    expect(failed).toMatchObject({ status: 'failed', lastStatusCode: 410, nextAttemptAt: null });

    receiver.respond = () => ({ status: 200 });
    const enabled = await api.patch(`/api/v1/webhooks/${hook.id}`, {
      token: owner.token,
      body: { enabled: true },
    });
    expect(enabled.body.data).toMatchObject({ enabled: true, disabledReason: null });
    const retry = await api.post(`/api/v1/webhooks/${hook.id}/deliveries/${failed.id}/retry`, {
      token: owner.token,
    });
    expect(retry.status).toBe(202);
    const again = await receiver.waitFor(2);
    expect(again[1].headers['spectre-event-id']).toBe(failed.eventId);
    expectError(
      await api.post(`/api/v1/webhooks/${hook.id}/deliveries/${hook.id}/retry`, { token: owner.token }),
      404,
      'WEBHOOK_DELIVERY_NOT_FOUND',
    );
    await remove(hook.id);
  });

  it('disables an endpoint that has been failing for 3 days', async () => {
    const hook = await create({ events: ['message.created'] });
    await t.database.db.execute(
      sql`update webhooks set failing_since = now() - interval '3 days 1 minute' where id = ${hook.id}`,
    );
    receiver.respond = () => ({ status: 500 });
    await startConversation(api, project, 'Still failing');
    await receiver.waitFor(1);
    let got: any;
    for (let i = 0; i < 100 && got?.enabled !== false; i++) {
      got = (await api.get(`/api/v1/webhooks/${hook.id}`, { token: owner.token })).body.data;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(got).toMatchObject({ enabled: false, disabledReason: 'failing' });
    await t.app.get(OutboxDispatcher).drain();
    expect(outboxSeen.some((e) => e.type === 'webhook.disabled' && e.payload.reason === 'failing')).toBe(
      true,
    );
    await remove(hook.id);
  });

  it('keeps settled deliveries 30 days: the retention sweep deletes older delivered and failed ones, never pending', async () => {
    const hook = await create();
    const insert = (status: string, age: string) =>
      t.database.db.execute(sql`insert into webhook_deliveries
          (id, webhook_id, event_id, type, body, status, next_attempt_at, created_at)
        values (gen_random_uuid(), ${hook.id}, ${`evt_${status}_${age.replace(/\W/g, '')}`}, 'ping', '{}', ${status},
          ${status === 'pending' ? sql`now() + interval '1 day'` : sql`null`}, now() - ${age}::interval)`);
    await insert('delivered', '31 days');
    await insert('failed', '31 days');
    await insert('pending', '31 days');
    await insert('delivered', '29 days');
    expect(await t.app.get(WebhookRetentionService).sweep()).toBe(2);
    const left = (await t.database.db.execute(
      sql`select status, (now() - created_at) > interval '30 days' as old
          from webhook_deliveries where webhook_id = ${hook.id} order by status`,
    )) as unknown as { rows: { status: string; old: boolean }[] };
    expect(left.rows).toEqual([
      { status: 'delivered', old: false },
      { status: 'pending', old: true },
    ]);
    await remove(hook.id);
  });

  it('pages the delivery log newest first by cursor', async () => {
    const hook = await create({ events: ['message.created'] });
    const s = await startConversation(api, project, 'one');
    await visitorSend(api, project, 'two', s);
    await visitorSend(api, project, 'three', s);
    await receiver.waitFor(3);
    const first = await deliveries(hook.id, '?limit=2');
    expect(first.data).toHaveLength(2);
    expect(first.meta).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
    const second = await deliveries(hook.id, `?limit=2&cursor=${first.meta.nextCursor}`);
    expect(second.data).toHaveLength(1);
    expect(second.meta).toEqual({ hasMore: false, nextCursor: null });
    const ids = [...first.data, ...second.data].map((d: any) => d.id);
    expect(new Set(ids).size).toBe(3);
    expectError(
      await api.get(`/api/v1/webhooks/${hook.id}/deliveries?cursor=nope`, { token: owner.token }),
      400,
      'INVALID_CURSOR',
    );
    await remove(hook.id);
  });
});
