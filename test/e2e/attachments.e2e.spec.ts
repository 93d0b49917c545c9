import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { sql } from 'drizzle-orm';
import { OutboxDispatcher } from '../../src/platform/outbox/outbox.dispatcher';
import { OBJECT_STORAGE } from '../../src/platform/storage/object-storage';
import type { DiskStorage } from '../../src/platform/storage/disk-storage';
import { AttachmentsService } from '../../src/modules/attachments/attachments.service';
import { registerAccount, createProject, type Account } from '../factories/accounts';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { PNG_1x1, upload } from '../factories/attachments';
import { startConversation, widgetHeaders, type VisitorSession } from '../factories/widget';
import { expectError } from '../support/expect-error';
import { rowCounts } from '../support/row-counts';
import { connectAgent, emitWithAck, socketTracker } from '../support/sockets';

type Row = Record<string, unknown>;

describe('attachments: upload, attach, download', () => {
  let env: AppWithProject;
  let visitor: VisitorSession;
  let stranger: Account;
  const sockets = socketTracker();

  const asVisitor = (s = visitor) => ({ headers: widgetHeaders(env.project.publicKey, s.token) });
  const asOwner = () => ({ token: env.owner.token });
  const storage = () => env.t.app.get<DiskStorage>(OBJECT_STORAGE);
  const storedFiles = () =>
    readdirSync(storage().root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  const rows = async (query: ReturnType<typeof sql>): Promise<Row[]> =>
    ((await env.t.database.db.execute(query)) as unknown as { rows: Row[] }).rows;
  const download = (id: string, headers: Record<string, string>) =>
    fetch(`${env.t.url}/api/v1/attachments/${id}`, { headers });
  const visitorUpload = (bytes: Uint8Array | string, filename: string, type?: string, s = visitor) =>
    upload(env.t.url, { ...asVisitor(s), conversationId: s.conversationId, bytes, filename, type });

  before(async () => {
    env = await startAppWithProject();
    visitor = await startConversation(env.api, env.project);
    stranger = await registerAccount(env.api, 'Stranger');
    await createProject(env.api, stranger);
  });

  after(async () => {
    sockets.closeAll();
    await env?.t.close();
  });

  it('uploads an image as a visitor, attaches it to a message without a body, and everyone in the conversation sees it', async () => {
    const agent = await sockets.track(connectAgent(env.t.url, env.owner.token));
    const up = await visitorUpload(PNG_1x1, '../../etc/shot\u0000.png', 'text/html');
    expect(up.status).toBe(201);
    const file = up.body.data;
    // The type comes from the bytes (not the declared text/html); the name loses its path and NUL.
    expect(file).toMatchObject({
      name: 'shot_.png',
      size: PNG_1x1.length,
      contentType: 'image/png',
      width: 1,
      height: 1,
    });

    // Held so the outbox row is still there to read (the app's consumers would take and delete it).
    const dispatcher = env.t.app.get(OutboxDispatcher);
    dispatcher.pause();
    const sent = await env.api.post('/api/v1/messages', {
      ...asVisitor(),
      body: {
        conversationId: visitor.conversationId,
        clientMessageId: randomUUID(),
        attachmentIds: [file.id],
      },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.data.message).toMatchObject({ body: '', attachments: [file] });

    const event = await agent.waitFor('message.created', (p) => p.message.id === sent.body.data.message.id);
    expect(event.message.attachments).toEqual([file]);
    const history = await env.api.get(`/api/v1/conversations/${visitor.conversationId}/messages`, asOwner());
    expect(history.body.data.at(-1).attachments).toEqual([file]);
    const widgetHistory = await env.api.get(
      `/api/v1/messages/conversations/${visitor.conversationId}`,
      asVisitor(),
    );
    expect(widgetHistory.body.data.at(-1).attachments).toEqual([file]);
    const [outbox] = await rows(
      sql`select payload from outbox where type = 'message.created' and payload->'message'->>'id' = ${sent.body.data.message.id}`,
    );
    const snapshot = (outbox.payload as { message: { attachments: Row[] } }).message.attachments;
    expect(snapshot).toMatchObject([{ id: file.id, name: 'shot_.png', content_type: 'image/png' }]);
    expect(snapshot[0]).not.toHaveProperty('storage_key');
    dispatcher.resume();

    for (const headers of [asVisitor().headers, { authorization: `Bearer ${env.owner.token}` }]) {
      const res = await download(file.id, headers);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG_1x1);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-disposition')).toMatch(/^inline; /);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    }
  });

  it("is 404 for another team's agent and for another visitor of the same project", async () => {
    const { body } = await visitorUpload('notes', 'notes.txt', 'text/plain');
    const neighbour = await startConversation(env.api, env.project);
    for (const headers of [
      { authorization: `Bearer ${stranger.token}` },
      widgetHeaders(env.project.publicKey, neighbour.token),
    ]) {
      const res = await download(body.data.id, headers);
      expect({ status: res.status, code: ((await res.json()) as Row & { error: Row }).error.code }).toEqual({
        status: 404,
        code: 'ATTACHMENT_NOT_FOUND',
      });
      expectError(
        await env.api.post(`/api/v1/attachments/${body.data.id}/link`, { headers }),
        404,
        'ATTACHMENT_NOT_FOUND',
      );
    }
    // Nor may they upload into the conversation.
    const res = await upload(env.t.url, {
      token: stranger.token,
      conversationId: visitor.conversationId,
      bytes: 'x',
      type: 'text/plain',
    });
    expectError(res, 404, 'CONVERSATION_NOT_FOUND');
    const other = await upload(env.t.url, {
      ...asVisitor(neighbour),
      conversationId: visitor.conversationId,
      bytes: 'x',
      type: 'text/plain',
    });
    expectError(other, 404, 'CONVERSATION_NOT_FOUND');
  });

  it('attaches an upload once, only by its sender, and refuses the whole send otherwise', async () => {
    const { body } = await visitorUpload(PNG_1x1, 'a.png');
    const id = body.data.id;
    const before = await rowCounts(env.t);
    // An agent cannot send the visitor's upload as theirs.
    expectError(
      await env.api.post(`/api/v1/conversations/${visitor.conversationId}/messages`, {
        ...asOwner(),
        body: { body: 'see', clientMessageId: randomUUID(), attachmentIds: [id] },
      }),
      400,
      'ATTACHMENT_NOT_ATTACHABLE',
    );
    expectError(
      await env.api.post('/api/v1/messages', {
        ...asVisitor(),
        body: {
          conversationId: visitor.conversationId,
          clientMessageId: randomUUID(),
          attachmentIds: [id, randomUUID()],
        },
      }),
      400,
      'ATTACHMENT_NOT_ATTACHABLE',
    );
    expect(await rowCounts(env.t)).toEqual(before);
    const send = () =>
      env.api.post('/api/v1/messages', {
        ...asVisitor(),
        body: {
          conversationId: visitor.conversationId,
          clientMessageId: randomUUID(),
          body: 'here',
          attachmentIds: [id],
        },
      });
    expect((await send()).status).toBe(201);
    expectError(await send(), 400, 'ATTACHMENT_NOT_ATTACHABLE');
    // Neither a body nor attachments: refused as an empty body was before.
    expectError(
      await env.api.post('/api/v1/messages', {
        ...asVisitor(),
        body: { conversationId: visitor.conversationId, clientMessageId: randomUUID(), attachmentIds: [] },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers a resent attached send (sequential or concurrent) with the one message it stored', async () => {
    const attachedSend = (id: string, clientMessageId: string) =>
      env.api.post('/api/v1/messages', {
        ...asVisitor(),
        body: { conversationId: visitor.conversationId, clientMessageId, body: 'twice', attachmentIds: [id] },
      });
    const sequential = (await visitorUpload(PNG_1x1, 'seq.png')).body.data.id;
    const clientId = randomUUID();
    const first = await attachedSend(sequential, clientId);
    expect(first.status).toBe(201);
    const again = await attachedSend(sequential, clientId);
    expect(again.status).toBe(200);
    expect(again.body.data.message).toEqual(first.body.data.message);
    expect(again.body.data.message.attachments.map((a: Row) => a.id)).toEqual([sequential]);

    const concurrent = (await visitorUpload(PNG_1x1, 'race.png')).body.data.id;
    const raceId = randomUUID();
    const answers = await Promise.all([attachedSend(concurrent, raceId), attachedSend(concurrent, raceId)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0].body.data.message).toEqual(answers[1].body.data.message);
    for (const id of [clientId, raceId]) {
      expect(await rows(sql`select id from messages where client_message_id = ${id}`)).toHaveLength(1);
    }
  });

  it('sends attachments over the agent socket, and an internal note keeps its files from the visitor', async () => {
    const agent = await sockets.track(connectAgent(env.t.url, env.owner.token));
    const up = await upload(env.t.url, {
      ...asOwner(),
      conversationId: visitor.conversationId,
      bytes: 'internal',
      filename: 'n.txt',
      type: 'text/plain',
    });
    expect(up.status).toBe(201);
    // Before it is sent, the visitor cannot see an agent's upload.
    expect((await download(up.body.data.id, asVisitor().headers)).status).toBe(404);
    const ack = await emitWithAck(agent, 'message.send', {
      conversationId: visitor.conversationId,
      clientMessageId: randomUUID(),
      private: true,
      attachmentIds: [up.body.data.id],
    });
    expect(ack.data.message.attachments).toEqual([up.body.data]);
    expect((await download(up.body.data.id, asVisitor().headers)).status).toBe(404);
    expect((await download(up.body.data.id, { authorization: `Bearer ${env.owner.token}` })).status).toBe(
      200,
    );
  });

  it('refuses an oversized file with 413 and a refused type with 415, storing nothing', async () => {
    const patched = await env.api.patch(`/api/v1/projects/${env.project.id}`, {
      ...asOwner(),
      body: { settings: { attachments: { maxBytes: 100_000, allowedTypes: ['image/png', 'text/plain'] } } },
    });
    expect(patched.status).toBe(200);
    const before = await rowCounts(env.t);
    const files = storedFiles();
    const big = Buffer.concat([PNG_1x1, Buffer.alloc(200_000, 1)]);
    expectError(await visitorUpload(big, 'big.png', 'image/png'), 413, 'ATTACHMENT_TOO_LARGE');
    expectError(
      await visitorUpload(Buffer.alloc(300_000, 0x61), 'big.txt', 'text/plain'),
      413,
      'ATTACHMENT_TOO_LARGE',
    );
    // A PDF is a fine type in general but not in this project; an executable and HTML never are.
    expectError(
      await visitorUpload('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'a.pdf', 'application/pdf'),
      415,
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    expectError(
      await visitorUpload(Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), 'a.exe', 'text/plain'),
      415,
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    expectError(
      await visitorUpload('<html><script>alert(1)</script></html>', 'a.html', 'text/html'),
      415,
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    expectError(
      await visitorUpload(Buffer.from([0x68, 0x00, 0x69]), 'nul.txt', 'text/plain'),
      415,
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    // Not multipart, or no file in it.
    const json = await env.api.post(`/api/v1/attachments?conversationId=${visitor.conversationId}`, {
      ...asVisitor(),
      body: { file: 'x' },
    });
    expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await rowCounts(env.t)).toEqual(before);
    expect(storedFiles()).toBe(files);
    await env.api.patch(`/api/v1/projects/${env.project.id}`, {
      ...asOwner(),
      body: { settings: { attachments: {} } },
    });
  });

  it('never serves an uploaded HTML page as text/html', async () => {
    const page = '<!doctype html><html><body><script>document.cookie</script></body></html>';
    const up = await visitorUpload(page, 'page.html', 'text/plain');
    expect(up.body.data).toMatchObject({ contentType: 'text/plain', name: 'page.html' });
    const res = await download(up.body.data.id, asVisitor().headers);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="page.html"; filename*=UTF-8''page.html`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(await res.text()).toBe(page);
  });

  it('gives short-lived links that work without credentials and fail when tampered with or expired', async () => {
    const up = await visitorUpload(PNG_1x1, 'p.png');
    const link = await env.api.post(`/api/v1/attachments/${up.body.data.id}/link`, asVisitor());
    expect(link.status).toBe(200);
    const ok = await fetch(env.t.url + link.body.data.url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(PNG_1x1);
    const url = new URL(link.body.data.url, env.t.url);
    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 60));
    expectError(await env.api.get(tampered.pathname + tampered.search), 404, 'ATTACHMENT_NOT_FOUND');
    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = env.t.app.get(AttachmentsService)['links'].query(up.body.data.id, past);
    expectError(await env.api.get(`${url.pathname}?${expired}`), 404, 'ATTACHMENT_NOT_FOUND');
  });

  it('sweeps uploads never attached after 24 h, and deletes the files of a deleted project', async () => {
    const service = env.t.app.get(AttachmentsService);
    const stale = await visitorUpload('old', 'old.txt', 'text/plain');
    const fresh = await visitorUpload('new', 'new.txt', 'text/plain');
    await env.t.database.db.execute(
      sql`update attachments set created_at = now() - interval '25 hours' where id = ${stale.body.data.id}`,
    );
    const keyOf = async (id: string) =>
      (await rows(sql`select storage_key from attachments where id = ${id}`))[0]?.storage_key as string;
    const staleKey = await keyOf(stale.body.data.id);
    expect(await service.sweepUnattached()).toBe(1);
    expect(await service.drainDeletions()).toBe(1);
    await expect(storage().get(staleKey)).rejects.toThrow();
    expect((await download(fresh.body.data.id, asVisitor().headers)).status).toBe(200);

    // A project deleted by cascade: its attachments' files go too, without the project code knowing.
    const other = await createProject(env.api, env.owner);
    const session = await startConversation(env.api, other);
    const doomed = await upload(env.t.url, {
      headers: widgetHeaders(other.publicKey, session.token),
      conversationId: session.conversationId,
      bytes: PNG_1x1,
      filename: 'x.png',
    });
    const doomedKey = await keyOf(doomed.body.data.id);
    expect((await env.api.delete(`/api/v1/projects/${other.id}`, asOwner())).status).toBe(204);
    expect(await rows(sql`select storage_key from storage_deletions`)).toEqual([{ storage_key: doomedKey }]);
    expect(await service.drainDeletions()).toBe(1);
    await expect(storage().get(doomedKey)).rejects.toThrow();
    expect(await rows(sql`select * from storage_deletions`)).toEqual([]);

    // Many files (a big project deleted): one run keeps going while batches come back full.
    await env.t.database.db.execute(
      sql`insert into storage_deletions (storage_key) select 'gone/' || n from generate_series(1, 250) n`,
    );
    expect(await service.drainDeletions()).toBe(250);
    expect(await rows(sql`select * from storage_deletions`)).toEqual([]);
  });
});
