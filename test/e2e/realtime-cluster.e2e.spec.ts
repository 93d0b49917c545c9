import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount, type Account, type ProjectInfo } from '../factories/accounts';
import { agentReply, startConversation, visitorSend } from '../factories/widget';
import { lockConversation } from '../support/db';
import { httpClient } from '../support/http';
import { connectAgent, connectWidget, emitWithAck, settle, socketTracker } from '../support/sockets';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Two app instances on different ports sharing one PostgreSQL database and Redis.
describe('two nodes sharing PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let nodeA: TestApp;
  let nodeB: TestApp;
  let owner: Account;
  let project: ProjectInfo;
  const { track, closeAll } = socketTracker();

  before(async () => {
    db = await createTestDatabase('postgres');
    nodeA = await startTestApp({ REDIS_URL }, { database: db });
    nodeB = await startTestApp({ REDIS_URL }, { database: db });
    owner = await registerAccount(httpClient(nodeA.url), 'Owner');
    project = await createProject(httpClient(nodeB.url), owner);
  });
  after(async () => {
    closeAll();
    await nodeA.close().catch(() => undefined);
    await nodeB.close();
    await db.drop();
  });

  it('carries messages, typing and presence both ways between nodes', async () => {
    const s = await startConversation(httpClient(nodeA.url), project);
    const widget = await track(connectWidget(nodeA.url, { visitorToken: s.token }));
    const agent = await track(connectAgent(nodeB.url, owner.token));

    const sent = await emitWithAck(widget, 'message.send', {
      conversationId: s.conversationId,
      body: 'from node A',
      clientMessageId: randomUUID(),
    });
    expect(sent.ok).toBe(true);
    const atAgent = await agent.waitFor('message.created', (p) => p.message.id === sent.data.message.id);
    expect(atAgent.message.body).toBe('from node A');

    const reply = await emitWithAck(agent, 'message.send', {
      conversationId: s.conversationId,
      body: 'from node B',
      clientMessageId: randomUUID(),
    });
    await widget.waitFor('message.created', (p) => p.message.id === reply.data.message.id);

    widget.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
    await agent.waitFor('typing', (p) => p.side === 'visitor' && p.isTyping);
    agent.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
    await widget.waitFor('typing', (p) => p.side === 'agent' && p.isTyping);

    await settle();
    expect(agent.of('message.created').filter((p) => p.message.id === sent.data.message.id)).toHaveLength(1);
    expect(widget.of('message.created').filter((p) => p.message.id === reply.data.message.id)).toHaveLength(
      1,
    );
  });

  it('shows on node B an agent connected to node A', async () => {
    const solo = await registerAccount(httpClient(nodeA.url), 'Solo');
    const p = await createProject(httpClient(nodeA.url), solo);
    const widgetOnB = await track(connectWidget(nodeB.url, { projectKey: p.publicKey }));
    const configOnB = () =>
      httpClient(nodeB.url).get('/api/v1/widget/config', { headers: { 'x-project-key': p.publicKey } });
    expect((await configOnB()).body.data.agentsOnline).toBe(false);

    const agentOnA = await track(connectAgent(nodeA.url, solo.token));
    expect(await widgetOnB.waitFor('presence', (e) => e.online)).toEqual({ projectId: p.id, online: true });
    expect((await configOnB()).body.data.agentsOnline).toBe(true);

    const observerOnB = await track(connectAgent(nodeB.url, solo.token));
    const seen = await observerOnB.waitFor('presence', (e) => e.projectId === p.id);
    expect(seen.agentIds).toEqual([solo.userId]);

    agentOnA.close();
    observerOnB.close();
    await widgetOnB.waitFor('presence', (e) => !e.online);
    expect((await configOnB()).body.data.agentsOnline).toBe(false);
  });

  it('sends sockets elsewhere on shutdown and loses nothing across the restart', async () => {
    const s = await startConversation(httpClient(nodeB.url), project);
    const widget = await track(connectWidget(nodeA.url, { visitorToken: s.token }));
    const closed = new Promise<string>((resolve) =>
      widget.socket.once('disconnect', (reason) => resolve(reason)),
    );
    await nodeA.close();
    expect(await widget.waitFor('server.shutdown')).toEqual({ reconnect: true });
    expect(await closed).toBe('transport close');

    const missed = [];
    for (const body of ['while', 'you', 'moved'])
      missed.push(await agentReply(httpClient(nodeB.url), owner.token, s.conversationId, body));
    const moved = await track(
      connectWidget(nodeB.url, { visitorToken: s.token, lastSeqs: { [s.conversationId]: 1 } }),
    );
    await moved.waitFor('resync.complete');
    expect(moved.of('message.created').map((p) => p.message.seq)).toEqual(missed.map((m) => m.seq));
  });

  it('still publishes to other nodes what a draining node commits', async () => {
    const node = await startTestApp({ REDIS_URL }, { database: db });
    const s = await startConversation(httpClient(nodeB.url), project);
    const agentOnB = await track(connectAgent(nodeB.url, owner.token));
    const widget = await track(connectWidget(node.url, { visitorToken: s.token }));
    // A send in flight on the node (held on the conversation's row lock) while it shuts down.
    const release = await lockConversation(node, s.conversationId);
    const sending = visitorSend(httpClient(node.url), project, 'sent while draining', s);
    await settle(200);
    const closing = node.close();
    await widget.waitFor('server.shutdown');
    await settle(200);
    await release();
    const sent = await sending;
    await closing;
    const live = await agentOnB.waitFor('message.created', (p) => p.message.id === sent.message.id);
    expect(live.message.body).toBe('sent while draining');
  });

  it('survives a Redis outage under traffic and carries events again afterwards', async () => {
    const proxy = await redisProxy(new URL(REDIS_URL));
    const node = await startTestApp({ REDIS_URL: proxy.url }, { database: db });
    try {
      const api = httpClient(node.url);
      const solo = await registerAccount(api, 'Outage');
      const p = await createProject(api, solo);
      const s = await startConversation(api, p);
      const agent = await track(connectAgent(node.url, solo.token));
      let sending = true;
      const traffic = (async () => {
        while (sending) {
          await visitorSend(api, p, 'during', s).catch(() => undefined);
          await settle(10);
        }
      })();
      await settle(300);
      proxy.down();
      await settle(1500);
      await proxy.up();
      await settle(1500);
      sending = false;
      await traffic;
      const after = await visitorSend(api, p, 'after the outage', s);
      await agent.waitFor('message.created', (e) => e.message.id === after.message.id, 10_000);
    } finally {
      await node.close();
      proxy.close();
    }
  });
});

/** A TCP proxy in front of Redis that can drop every connection and refuse new ones for a while. */
async function redisProxy(target: URL) {
  const open = new Set<net.Socket>();
  let server: net.Server;
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        for (const c of [client, upstream]) {
          open.add(c);
          c.on('error', () => undefined);
          c.on('close', () => open.delete(c));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
  const port = await listen(0);
  const drop = () => {
    server.close();
    for (const c of open) c.destroy();
  };
  return { url: `redis://127.0.0.1:${port}`, down: drop, up: () => listen(port), close: drop };
}
