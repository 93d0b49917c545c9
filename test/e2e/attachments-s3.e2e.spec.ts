import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import S3rver from 's3rver';
import { sql } from 'drizzle-orm';
import { AttachmentsService } from '../../src/modules/attachments/attachments.service';
import { OBJECT_STORAGE, type ObjectStorage } from '../../src/platform/storage/object-storage';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { PNG_1x1, upload } from '../factories/attachments';
import { startConversation, widgetHeaders, type VisitorSession } from '../factories/widget';
import { expectError } from '../support/expect-error';

// The S3 driver against a real S3-compatible server (s3rver), through the whole app.
describe('attachments on S3-compatible storage', () => {
  let s3: S3rver;
  let dir: string;
  let env: AppWithProject;
  let visitor: VisitorSession;

  const asVisitor = () => ({ headers: widgetHeaders(env.project.publicKey, visitor.token) });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3rver-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'files' }],
    });
    const { port } = await s3.run();
    env = await startAppWithProject({
      env: {
        S3_BUCKET: 'files',
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
        ATTACHMENT_MAX_BYTES: String(2 * 1024 * 1024),
      },
    });
    visitor = await startConversation(env.api, env.project);
  });

  after(async () => {
    await env?.t.close();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores uploads in the bucket, streams them back and presigns links with the inert headers', async () => {
    expect(env.t.app.get<ObjectStorage>(OBJECT_STORAGE).kind).toBe('s3');
    const page = '<html><script>alert(1)</script></html>';
    const up = await upload(env.t.url, {
      ...asVisitor(),
      conversationId: visitor.conversationId,
      bytes: page,
      filename: 'x.html',
      type: 'text/plain',
    });
    expect(up.status).toBe(201);
    const sent = await env.api.post('/api/v1/messages', {
      ...asVisitor(),
      body: {
        conversationId: visitor.conversationId,
        clientMessageId: randomUUID(),
        attachmentIds: [up.body.data.id],
      },
    });
    expect(sent.status).toBe(201);

    const streamed = await fetch(`${env.t.url}/api/v1/attachments/${up.body.data.id}`, {
      headers: { authorization: `Bearer ${env.owner.token}` },
    });
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toBe(page);

    const link = await env.api.post(`/api/v1/attachments/${up.body.data.id}/link`, asVisitor());
    const url = new URL(link.body.data.url);
    expect(url.origin).toBe(new URL(env.t.config.S3_ENDPOINT!).origin);
    const presigned = await fetch(url);
    expect(presigned.status).toBe(200);
    expect(presigned.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(presigned.headers.get('content-disposition')).toMatch(/^attachment; filename="x.html"/);
    expect(await presigned.text()).toBe(page);
  });

  it('refuses an oversized upload with 413 and leaves no object behind', async () => {
    const storage = env.t.app.get<ObjectStorage>(OBJECT_STORAGE);
    const big = Buffer.concat([PNG_1x1, Buffer.alloc(3 * 1024 * 1024, 7)]);
    const res = await upload(env.t.url, {
      ...asVisitor(),
      conversationId: visitor.conversationId,
      bytes: big,
      filename: 'big.png',
    });
    expectError(res, 413, 'ATTACHMENT_TOO_LARGE');
    const { rows } = (await env.t.database.db.execute(
      sql`select count(*)::int as n from attachments where name = 'big.png'`,
    )) as unknown as { rows: { n: number }[] };
    expect(rows[0].n).toBe(0);
    expect(
      await storage.presignedUrl('x', { contentType: 'a/b', contentDisposition: 'attachment' }, 60),
    ).toMatch(/X-Amz-Signature=/);
  });

  it('deletes the object once its row is gone', async () => {
    const storage = env.t.app.get<ObjectStorage>(OBJECT_STORAGE);
    const up = await upload(env.t.url, {
      ...asVisitor(),
      conversationId: visitor.conversationId,
      bytes: PNG_1x1,
      filename: 'gone.png',
    });
    const { rows } = (await env.t.database.db.execute(
      sql`delete from attachments where id = ${up.body.data.id} returning storage_key`,
    )) as unknown as { rows: { storage_key: string }[] };
    const key = rows[0].storage_key;
    await expect(storage.get(key)).resolves.toBeDefined();
    expect(await env.t.app.get(AttachmentsService).drainDeletions()).toBe(1);
    await expect(storage.get(key)).rejects.toThrow();
  });
});
