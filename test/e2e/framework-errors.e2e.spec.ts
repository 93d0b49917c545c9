import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { rawRequest, type RawResponse } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

/** The error envelope with a stable code, and the request id in the body and the header. */
function expectEnvelope(res: RawResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.requestId).toEqual(expect.any(String));
  expect(res.headers['x-request-id']).toBe(res.body.requestId);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
}

const post = (path: string, contentType: string, body: string, extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;
const get = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`;

// Errors raised by Node's parser, the router or Fastify's body handling, before Nest's filter.
describe('errors Fastify and Node raise themselves', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '1024' });
  });
  after(() => t.close());

  const cases: [string, () => string, number, string][] = [
    ['headers too large', () => get('/health', `X-Big: ${'a'.repeat(20_000)}\r\n`), 431, 'HEADERS_TOO_LARGE'],
    ['a request line too large', () => get(`/api/v1/${'a'.repeat(20_000)}`), 431, 'HEADERS_TOO_LARGE'],
    ['a path parameter too long', () => get(`/api/v1/teams/${'a'.repeat(600)}`), 414, 'URI_TOO_LONG'],
    [
      'a body over the limit',
      () => post('/api/v1/auth/login', 'application/json', JSON.stringify({ email: 'a'.repeat(2000) })),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a content type other than JSON',
      () => post('/api/v1/auth/login', 'text/plain', 'hi'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['malformed JSON', () => post('/api/v1/auth/login', 'application/json', '{"email":'), 400, 'BAD_REQUEST'],
    ['an empty JSON body', () => post('/api/v1/auth/login', 'application/json', ''), 400, 'BAD_REQUEST'],
    ['a malformed request line', () => 'GARBAGE\r\n\r\n', 400, 'BAD_REQUEST'],
    ['a malformed header', () => get('/health', 'Bad Header: x\r\n'), 400, 'BAD_REQUEST'],
    [
      'Content-Length with Transfer-Encoding',
      () => post('/api/v1/auth/login', 'application/json', '0\r\n\r\n', 'Transfer-Encoding: chunked\r\n'),
      400,
      'BAD_REQUEST',
    ],
    ['a malformed URL', () => get('/api/v1/%E0%A4%A'), 400, 'BAD_REQUEST'],
  ];
  for (const [name, request, status, code] of cases) {
    it(`answers ${name} with ${status} ${code} in the envelope`, async () => {
      expectEnvelope(await rawRequest(t.url, request()), status, code);
    });
  }
});
