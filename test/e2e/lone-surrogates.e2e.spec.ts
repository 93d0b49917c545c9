import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Account, ProjectInfo } from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { startConversation, widgetHeaders, type VisitorSession } from '../factories/widget';
import { expectError } from '../support/expect-error';
import type { HttpClient } from '../support/http';
import { connectWidget, emitWithAck, socketTracker } from '../support/sockets';
import type { TestApp } from '../support/test-app';

// JSON.stringify writes a lone surrogate as the escape "\ud800": exactly what a client sends.
const LONE = 'a\ud800b';

describe('lone UTF-16 surrogates in input', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let visitor: VisitorSession;
  const { track, closeAll } = socketTracker();

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject());
    visitor = await startConversation(api, project);
  });
  after(async () => {
    closeAll();
    await t.close();
  });

  const send = (body: Record<string, unknown>) =>
    api.post('/api/v1/messages', {
      headers: widgetHeaders(project.publicKey, visitor.token),
      body: { body: 'hi', clientMessageId: randomUUID(), conversationId: visitor.conversationId, ...body },
    });

  it('refuses them with 400 VALIDATION_FAILED naming the field, in bodies, nested values and keys', async () => {
    const cases: [Promise<any>, string][] = [
      [send({ body: LONE }), 'body'],
      [send({ body: '\udc00' }), 'body'],
      [
        api.post('/api/v1/widget/session', {
          headers: widgetHeaders(project.publicKey),
          body: { visitor: { name: LONE } },
        }),
        'visitor.name',
      ],
      [api.post('/api/v1/teams', { token: owner.token, body: { name: 'x', [LONE]: 1 } }), 'a\ufffdb'],
    ];
    for (const [request, path] of cases) {
      const res = await request;
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([
        { path, message: 'must not contain unpaired UTF-16 surrogates' },
      ]);
    }
  });

  it('stores nothing for them, and takes well-formed astral characters (surrogate pairs) as they are', async () => {
    const history = async () =>
      (
        await api.get(`/api/v1/messages/conversations/${visitor.conversationId}`, {
          headers: widgetHeaders(project.publicKey, visitor.token),
        })
      ).body.data as { body: string }[];
    const before = await history();
    expect((await send({ body: LONE })).status).toBe(400);
    expect(await history()).toEqual(before);
    const ok = await send({ body: 'smile \ud83d\ude00' });
    expect(ok.status).toBe(201);
    expect(ok.body.data.message.body).toBe('smile 😀');
  });

  it('refuses them in socket payloads with a VALIDATION_FAILED ack', async () => {
    const widget = await track(
      connectWidget(t.url, { projectKey: project.publicKey, visitorToken: visitor.token }),
    );
    const ack = await emitWithAck(widget, 'message.send', {
      conversationId: visitor.conversationId,
      body: LONE,
      clientMessageId: randomUUID(),
    });
    expect(ack).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Invalid payload',
        details: [{ path: 'body', message: 'must not contain unpaired UTF-16 surrogates' }],
      },
    });
  });
});
