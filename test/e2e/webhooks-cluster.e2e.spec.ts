import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount, type Account, type ProjectInfo } from '../factories/accounts';
import { startConversation, visitorSend } from '../factories/widget';
import { httpClient } from '../support/http';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const ENV = { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '100' };

// Two app instances on one PostgreSQL database: both record and both send, each event goes out once.
describe('webhooks on two nodes sharing PostgreSQL', () => {
  let db: TestDatabase;
  let nodes: TestApp[];
  let owner: Account;
  let project: ProjectInfo;
  let receiver: WebhookReceiver;

  before(async () => {
    db = await createTestDatabase('postgres');
    nodes = [await startTestApp(ENV, { database: db }), await startTestApp(ENV, { database: db })];
    owner = await registerAccount(httpClient(nodes[0].url), 'Owner');
    project = await createProject(httpClient(nodes[1].url), owner);
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    for (const node of nodes) await node.close().catch(() => undefined);
    await db.drop();
    await receiver.close();
  });

  it('delivers each event to the endpoint exactly once, with retries in the mix', async () => {
    const res = await httpClient(nodes[0].url).post(`/api/v1/projects/${project.id}/webhooks`, {
      token: owner.token,
      body: { url: receiver.url, events: ['message.created'] },
    });
    expect(res.status).toBe(201);
    // Every event's first attempt fails: both nodes' senders also race for the retries.
    const attemptsOf = new Map<string, number>();
    receiver.respond = (r) => {
      const id = r.headers['spectre-event-id'] as string;
      attemptsOf.set(id, (attemptsOf.get(id) ?? 0) + 1);
      return { status: attemptsOf.get(id) === 1 ? 500 : 200 };
    };
    const COUNT = 40;
    const sessions = await Promise.all(
      nodes.map((node) => startConversation(httpClient(node.url), project, 'first')),
    );
    await Promise.all(
      Array.from({ length: COUNT - 2 }, (_, i) =>
        visitorSend(httpClient(nodes[i % 2].url), project, `message ${i}`, sessions[i % 2]),
      ),
    );
    await receiver.waitFor(COUNT * 2, () => true, 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // anything doubled would arrive by now
    expect(attemptsOf.size).toBe(COUNT);
    expect([...attemptsOf.values()].filter((n) => n !== 2)).toEqual([]);
    const attemptHeaders = receiver.received.map(
      (r) => `${r.headers['spectre-event-id']}#${r.headers['spectre-delivery-attempt']}`,
    );
    expect(new Set(attemptHeaders).size).toBe(COUNT * 2);
  });
});
