import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStorage } from './object-storage';

const SAFE_KEY = /^[a-z0-9][a-z0-9/_-]*$/;

/** Files under `root`; a write goes to a temporary name first, so a half-written file is never read. */
export class DiskStorage implements ObjectStorage {
  readonly kind = 'disk' as const;

  constructor(readonly root: string) {}

  private path(key: string): string {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`Invalid storage key: ${key}`);
    return join(this.root, key);
  }

  async put(key: string, body: Readable, _contentType: string): Promise<void> {
    const path = this.path(key);
    const partial = `${path}.partial`;
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, path);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  get(key: string): Promise<Readable> {
    const stream = createReadStream(this.path(key));
    // Opening errors (a missing file) surface here rather than mid-response.
    return new Promise((resolve, reject) => {
      stream.once('open', () => resolve(stream));
      stream.once('error', reject);
    });
  }

  presignedUrl(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
