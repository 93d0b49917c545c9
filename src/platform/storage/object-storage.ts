import type { Readable } from 'node:stream';

/** Response headers a download must carry; the S3 driver signs them into its URL. */
export interface DownloadHeaders {
  contentType: string;
  contentDisposition: string;
}

/**
 * Where attachment bytes live: one interface, a local-disk and an S3-compatible driver, chosen
 * once from config (storage.module.ts). Keys are opaque, server-chosen names (never a filename).
 */
export interface ObjectStorage {
  readonly kind: 'disk' | 's3';
  /** Streams `body` into `key`; rejects (and leaves nothing behind) when the stream errors. */
  put(key: string, body: Readable, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  /** A presigned URL serving the object with these headers, or undefined when the app must stream it. */
  presignedUrl(key: string, headers: DownloadHeaders, expiresInS: number): Promise<string | undefined>;
  /** Deletes `key`; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');
