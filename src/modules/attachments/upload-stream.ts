import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { TEXT_TYPES } from './attachment-policy';

/** How much of an upload is read before storing anything: enough to sniff the type and an image's size. */
export const HEAD_BYTES = 64 * 1024;

/** Reads up to `max` bytes from the start of `stream`, leaving it paused for the rest. */
export function readHead(stream: Readable, max = HEAD_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = () => {
      stream.pause();
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', reject);
      resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= max) finish();
    };
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', reject);
  });
}

/** UTF-8 text without NULs (the head may end inside a character: `stream` allows that). */
function isText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The content type of an upload from its first bytes: file-type's answer when the format has a
 * signature; for text, which has none, the client's declared text/plain or text/csv when the bytes
 * are UTF-8 without NULs; otherwise undefined (refused). The client's type is never trusted else.
 */
export async function sniffType(head: Buffer, declared: string | undefined): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  const claimed = (declared ?? '').split(';')[0].trim().toLowerCase();
  if ((TEXT_TYPES as readonly string[]).includes(claimed) && isText(head)) return claimed;
  return undefined;
}

/** An image's width and height from its first bytes, when they hold them. */
export function dimensionsOf(head: Buffer, contentType: string): { width?: number; height?: number } {
  if (!contentType.startsWith('image/')) return {};
  try {
    const { width, height } = imageSize(head);
    return { width, height };
  } catch {
    return {};
  }
}

export class UploadTooLarge extends Error {}

/** The request body broke off or was not valid multipart: the client's doing (400), not storage's. */
export class MalformedUpload extends Error {}

/**
 * The upload as one stream again (head, then the rest), counting bytes and failing with
 * UploadTooLarge past `maxBytes`. `counted.bytes` holds the total once it ends.
 */
export function countedBody(
  head: Buffer,
  rest: Readable,
  maxBytes: number,
): { body: Readable; counted: { bytes: number } } {
  const counted = { bytes: 0 };
  async function* chunks() {
    counted.bytes = head.length;
    if (counted.bytes > maxBytes) throw new UploadTooLarge();
    yield head;
    const source = (rest as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await source.next();
      } catch (err) {
        throw new MalformedUpload(String(err));
      }
      if (next.done) return;
      counted.bytes += next.value.length;
      if (counted.bytes > maxBytes) throw new UploadTooLarge();
      yield next.value;
    }
  }
  return { body: Readable.from(chunks(), { objectMode: false }), counted };
}
