import http from 'node:http';
import https from 'node:https';
import { checkWebhookUrl, pinnedLookup, UrlNotAllowedError, type UrlPolicy } from './url-guard';

export const TIMEOUT_MS = 10_000;
/** How much of a response body is read and kept. */
export const RESPONSE_LIMIT = 1024;

export interface SendResult {
  statusCode: number | null;
  durationMs: number;
  /** Why it did not work (network, timeout, refused URL); null for any HTTP answer. */
  error: string | null;
  /** At most RESPONSE_LIMIT bytes of the body, as text. */
  response: string | null;
  retryAfter?: string;
}

/**
 * POSTs one webhook request. The URL is checked again here (its host may resolve elsewhere now) and
 * the connection goes to the address that was checked. Redirects are not followed (node:http never
 * does); a 3xx is just a non-2xx answer.
 */
export async function sendWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  policy: UrlPolicy,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let checked;
  try {
    checked = await checkWebhookUrl(target, policy);
  } catch (err) {
    if (!(err instanceof UrlNotAllowedError)) throw err;
    return { statusCode: null, durationMs: elapsed(), error: `URL refused: ${err.message}`, response: null };
  }
  const { url, address } = checked;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      lookup: address ? pinnedLookup(address) : undefined,
      agent: false,
      timeout: TIMEOUT_MS,
    });
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)),
      TIMEOUT_MS,
    );
    const finish = (result: Omit<SendResult, 'durationMs'>) => {
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on('error', (err) => finish({ statusCode: null, error: err.message, response: null }));
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const retryAfter = res.headers['retry-after'];
        finish({
          statusCode: res.statusCode ?? null,
          error: null,
          response: Buffer.concat(chunks).subarray(0, RESPONSE_LIMIT).toString('utf8'),
          retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
        });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_LIMIT) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    request.end(body);
  });
}
