import { assertConforms } from '../support/contract';
import type { ApiResponse } from '../support/http';

export interface UploadOptions {
  /** Authorization for an agent, or the widget's headers. */
  token?: string;
  headers?: Record<string, string>;
  conversationId: string;
  bytes: Uint8Array | string;
  filename?: string;
  /** The content type the client declares for the part. */
  type?: string;
}

/** POST /api/v1/attachments as a browser's FormData would send it; checked against the OpenAPI document. */
export async function upload(baseUrl: string, o: UploadOptions): Promise<ApiResponse> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([o.bytes as BlobPart], { type: o.type ?? 'application/octet-stream' }),
    o.filename ?? 'file.bin',
  );
  const path = `/api/v1/attachments?conversationId=${o.conversationId}`;
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const res = await fetch(baseUrl + path, { method: 'POST', headers, body: form });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  const response = { status: res.status, headers: res.headers, body };
  await assertConforms(baseUrl, 'POST', path, response);
  return response;
}

/** The smallest valid PNG (1×1), and one of `width`×`height` (uncompressed, valid header and IHDR). */
export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
