import { deflateSync } from 'node:zlib';
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

/** A valid PNG of `width`×`height` in one colour (8-bit RGB), for previews worth looking at. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3])]);
  const idat = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
