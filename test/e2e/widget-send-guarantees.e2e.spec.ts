import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, type Account, type ProjectInfo } from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { openSession, widgetHeaders } from '../factories/widget';
import { countRows } from '../support/db';
import type { HttpClient } from '../support/http';
import { connectWidget, emitWithAck } from '../support/sockets';
import type { TestApp } from '../support/test-app';

// What docs/widget-api-guarantees.md promises about first messages and the visitor profile on sends.
describe('widget sends: a visitor token first, and the profile they carry', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject());
  });
  after(() => t.close());

  const rows = async () => ({
    visitors: await countRows(t, 'visitors'),
    conversations: await countRows(t, 'conversations'),
    messages: await countRows(t, 'messages'),
  });
  const send = (token: string | undefined, body: Record<string, unknown>, p = project) =>
    api.post('/api/v1/messages', { headers: widgetHeaders(p.publicKey, token), body });
  const visitorOf = async (conversationId: string) =>
    (await api.get(`/api/v1/conversations/${conversationId}`, { token: owner.token })).body.data.visitor;

  it('refuses 20 concurrent token-less first messages and writes nothing', async () => {
    const before = await rows();
    const clientMessageId = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => send(undefined, { body: 'hello?', clientMessageId })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(401));
    expect(new Set(answers.map((r) => r.body.error.code))).toEqual(new Set(['VISITOR_TOKEN_INVALID']));
    expect(await rows()).toEqual(before);

    const socket = await connectWidget(t.url, { projectKey: project.publicKey });
    try {
      const ack = await emitWithAck(socket, 'message.send', { body: 'hello?', clientMessageId });
      expect(ack).toMatchObject({ ok: false, error: { code: 'VISITOR_TOKEN_INVALID' } });
    } finally {
      socket.close();
    }
    expect(await rows()).toEqual(before);
  });

  it('stores one conversation and one message for 20 concurrent first messages after a session', async () => {
    const token = await openSession(api, project);
    const before = await rows();
    const clientMessageId = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => send(token, { body: 'hello', clientMessageId })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(answers.map((r) => r.body.data.message.id)).size).toBe(1);
    expect(new Set(answers.map((r) => r.body.data.conversation.id)).size).toBe(1);
    expect(await rows()).toEqual({
      ...before,
      conversations: before.conversations + 1,
      messages: before.messages + 1,
    });
  });

  it("applies a visitor profile sent with a message to the token's visitor", async () => {
    const token = await openSession(api, project, { name: 'Before' });
    const first = await send(token, {
      body: 'hi',
      clientMessageId: randomUUID(),
      visitor: { name: 'Ann', email: 'ann@example.com', metadata: { plan: 'pro' } },
    });
    expect(first.status).toBe(201);
    const conversationId = first.body.data.conversation.id;
    expect(await visitorOf(conversationId)).toMatchObject({
      name: 'Ann',
      email: 'ann@example.com',
      metadata: { plan: 'pro' },
    });
    const later = await send(token, {
      body: 'again',
      clientMessageId: randomUUID(),
      conversationId,
      visitor: { metadata: { seats: 3 } },
    });
    expect(later.status).toBe(201);
    expect((await visitorOf(conversationId)).metadata).toEqual({ plan: 'pro', seats: 3 });
  });

  it('refuses a send that would change who the visitor is, and stores nothing', async () => {
    const verified = await createProject(api, owner, { name: 'Verified', requireIdentityVerification: true });
    const hash = (id: string) => createHmac('sha256', verified.secret).update(id).digest('hex');
    const identify = await api.post('/api/v1/widget/session', {
      headers: widgetHeaders(verified.publicKey),
      body: { visitor: { externalId: 'user-1', userHash: hash('user-1') } },
    });
    const token = identify.body.data.visitorToken as string;
    const before = await rows();
    const attempts = [
      {
        visitor: { externalId: 'user-2', userHash: hash('user-2') },
        status: 400,
        code: 'IDENTITY_CHANGE_NOT_ALLOWED',
      },
      {
        visitor: { externalId: 'user-1', userHash: hash('user-2') },
        status: 401,
        code: 'IDENTITY_VERIFICATION_FAILED',
      },
      { visitor: { externalId: 'user-1' }, status: 401, code: 'IDENTITY_VERIFICATION_FAILED' },
    ];
    for (const { visitor, status, code } of attempts) {
      const res = await send(token, { body: 'x', clientMessageId: randomUUID(), visitor }, verified);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
    }
    expect(await rows()).toEqual(before);

    const same = await send(
      token,
      {
        body: 'x',
        clientMessageId: randomUUID(),
        visitor: { externalId: 'user-1', userHash: hash('user-1'), name: 'Ada' },
      },
      verified,
    );
    expect(same.status).toBe(201);
    expect(await visitorOf(same.body.data.conversation.id)).toMatchObject({
      externalId: 'user-1',
      verified: true,
      name: 'Ada',
    });

    const open = await openSession(api, project);
    const unverified = await send(open, {
      body: 'x',
      clientMessageId: randomUUID(),
      visitor: { externalId: 'someone-else' },
    });
    expect(unverified.status).toBe(400);
    expect(unverified.body.error.code).toBe('IDENTITY_CHANGE_NOT_ALLOWED');
  });
});
