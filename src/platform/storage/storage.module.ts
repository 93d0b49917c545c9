import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { DiskStorage } from './disk-storage';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage';
import { S3Storage } from './s3-storage';

/** Where the disk driver keeps files: DATA_DIR/attachments, or a temporary directory for `memory://`. */
export function diskRoot(dataDir: string): { root: string; temporary: boolean } {
  if (dataDir.startsWith('memory://')) {
    return { root: mkdtempSync(join(tmpdir(), 'spectre-attachments-')), temporary: true };
  }
  return { root: resolve(dataDir, 'attachments'), temporary: false };
}

/** The storage driver chosen once from config: S3 when S3_BUCKET is set, else the local disk. */
export function createObjectStorage(config: AppConfig): ObjectStorage & { cleanup?: () => void } {
  if (config.S3_BUCKET) {
    const s3 = new S3Storage({
      bucket: config.S3_BUCKET,
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
    return Object.assign(s3, { cleanup: () => s3.destroy() });
  }
  const { root, temporary } = diskRoot(config.DATA_DIR);
  const disk = new DiskStorage(root);
  // An in-memory database's files go with it.
  return Object.assign(disk, {
    cleanup: temporary ? () => rmSync(root, { recursive: true, force: true }) : undefined,
  });
}

@Global()
@Module({
  providers: [{ provide: OBJECT_STORAGE, inject: [APP_CONFIG], useFactory: createObjectStorage }],
  exports: [OBJECT_STORAGE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage & { cleanup?: () => void }) {}

  onApplicationShutdown(): void {
    this.storage.cleanup?.();
  }
}
