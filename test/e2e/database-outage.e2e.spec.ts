import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount, type Account, type ProjectInfo } from '../factories/accounts';
import { startConversation, widgetHeaders, type VisitorSession } from '../factories/widget';
import { expectError } from '../support/expect-error';
import { httpClient, type HttpClient } from '../support/http';
import { connectWidget, emitWithAck, socketTracker } from '../support/sockets';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import {
  createTestDatabase,
  startTestApp,
  usesPostgres,
  type TestApp,
  type TestDatabase,
} from '../support/test-app';

// The app reaches a real PostgreSQL through a proxy the test can cut: the database "goes away"
// as in a restart, and comes back. PGlite is in-process and cannot go away.
describe('the database away', { skip: !usesPostgres() && 'needs DATABASE_URL (PostgreSQL)' }, () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let visitor: VisitorSession;
  const { track, closeAll } = socketTracker();

  before(async () => {
    database = await createTestDatabase('postgres');
    const direct = new URL(database.url!);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    const viaProxy = new URL(direct);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp({ DATABASE_URL: viaProxy.toString() }, { database });
    api = httpClient(t.url);
    owner = await registerAccount(api);
    project = await createProject(api, owner);
    visitor = await startConversation(api, project);
  });
  after(async () => {
    closeAll();
    await t?.close();
    await proxy?.close();
    await database?.drop();
  });

  const send = (clientMessageId: string) =>
    api.post('/api/v1/messages', {
      headers: widgetHeaders(project.publicKey, visitor.token),
      body: { body: 'while away', clientMessageId, conversationId: visitor.conversationId },
    });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After on HTTP and in socket acks, then recovers', async () => {
    const widget = await track(
      connectWidget(t.url, { projectKey: project.publicKey, visitorToken: visitor.token }),
    );
    const clientMessageId = randomUUID();
    proxy.cut();
    try {
      for (const res of [
        await send(clientMessageId),
        await api.get('/api/v1/conversations', { token: owner.token }),
        await api.post('/api/v1/auth/login', { body: { email: owner.email, password: owner.password } }),
      ]) {
        expectError(res, 503, 'SERVICE_UNAVAILABLE');
        expect(res.headers.get('retry-after')).toBe('1');
      }
      const ack = await emitWithAck(widget, 'message.send', {
        conversationId: visitor.conversationId,
        body: 'socket while away',
        clientMessageId: randomUUID(),
      });
      expect(ack).toEqual({
        ok: false,
        error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), retryAfterMs: 1000 },
      });
    } finally {
      await proxy.restore();
    }
    // The retry a client makes after Retry-After goes through, once.
    const retried = await send(clientMessageId);
    expect(retried.status).toBe(201);
    expect((await send(clientMessageId)).status).toBe(200);
  });
});
