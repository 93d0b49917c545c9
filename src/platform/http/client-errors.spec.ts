import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { answerClientError } from './client-errors';

/** What a client reads when the server answers its connection with `err`. */
async function answered(err: NodeJS.ErrnoException): Promise<string> {
  const server = createServer((socket: Socket) => answerClientError(err, socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = connect((server.address() as { port: number }).port, '127.0.0.1');
  let text = '';
  client.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await once(client, 'close');
  server.close();
  return text;
}

describe('answerClientError', () => {
  it('answers a request timeout with 408 REQUEST_TIMEOUT in the envelope, with a request id', async () => {
    const text = await answered(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }));
    const [head, body] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    const parsed = JSON.parse(body);
    expect(parsed.error.code).toBe('REQUEST_TIMEOUT');
    expect(head).toContain(`x-request-id: ${parsed.requestId}`);
  });
});
