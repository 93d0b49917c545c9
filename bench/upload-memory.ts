/**
 * Peak RSS of the server while it takes an upload (issue 15: "memory stays flat for a 10 MB file").
 * Usage: node --require @swc-node/register bench/upload-memory.ts
 * The app runs in this process on an in-memory PGlite with the disk driver; the upload comes from
 * curl in a child process, so the client's copy of the file is not counted. RSS is sampled every
 * 5 ms from just before the request to its answer; each size is uploaded 3 times after a warm-up.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createApp } from '../src/app.factory';
import { parseEnv } from '../src/config/env.schema';
import { PNG_1x1 } from '../test/factories/attachments';
import { printTable } from './lib/util';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

async function json(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  return (await res.json()) as { data: any };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'upload-memory-'));
  const config = parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-000',
    DATA_DIR: 'memory://',
    PORT: '0',
    ATTACHMENT_MAX_BYTES: String(20 * MiB),
    RATE_LIMIT_MESSAGES_PER_MINUTE: '100000',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const reg = await json(`${url}/api/v1/auth/register`, {
    method: 'POST',
    body: JSON.stringify({ email: 'bench@example.com', password: 'correct-horse-battery', name: 'Bench' }),
  });
  const token = reg.data.accessToken as string;
  const auth = { authorization: `Bearer ${token}` };
  const project = await json(`${url}/api/v1/projects`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      teamId: reg.data.team.id,
      name: 'Bench',
      settings: { attachments: { maxBytes: 20 * MiB } },
    }),
  });
  const session = await json(`${url}/api/v1/widget/session`, {
    method: 'POST',
    headers: { 'x-project-key': project.data.publicKey },
    body: '{}',
  });
  const sent = await json(`${url}/api/v1/messages`, {
    method: 'POST',
    headers: { 'x-project-key': project.data.publicKey, 'x-visitor-token': session.data.visitorToken },
    body: JSON.stringify({ body: 'hi', clientMessageId: 'bench-1' }),
  });
  const conversationId = sent.data.conversation.id as string;

  const uploadOnce = async (file: string) => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const { stdout } = await run('curl', [
      '-s',
      '-H',
      `authorization: Bearer ${token}`,
      '-F',
      `file=@${file};type=image/png`,
      `${url}/api/v1/attachments?conversationId=${conversationId}`,
    ]);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (!stdout.includes('"contentType":"image/png"'))
      throw new Error(`upload failed: ${stdout.slice(0, 200)}`);
    return { before, peak };
  };

  const rows: (string | number)[][] = [];
  for (const size of [1, 10]) {
    const file = join(dir, `${size}.png`);
    writeFileSync(file, Buffer.concat([PNG_1x1, Buffer.alloc(size * MiB - PNG_1x1.length, 7)]));
    await uploadOnce(file); // warm-up
    const runs = [await uploadOnce(file), await uploadOnce(file), await uploadOnce(file)];
    const before = Math.min(...runs.map((r) => r.before));
    const peak = Math.max(...runs.map((r) => r.peak));
    const growth = Math.max(...runs.map((r) => r.peak - r.before));
    rows.push([`${size} MB`, mib(before), mib(peak), mib(growth)]);
  }
  printTable('Server RSS during an upload (MiB)', ['file', 'RSS before', 'peak during', 'max growth'], rows);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
