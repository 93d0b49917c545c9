import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { createApp } from '../src/app.factory';
import { parseEnv } from '../src/config/env.schema';
import { buildOpenApiDocument } from '../src/platform/docs/swagger';
import { API_TYPES_FILE, renderApiTypes } from './api-types';

/**
 * `npm run gen:api`: builds the OpenAPI document from the application (on an in-memory PGlite, never
 * listening) and writes its TypeScript types for the front-ends.
 */
async function main(): Promise<void> {
  const config = parseEnv({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATA_DIR: 'memory://',
    JWT_SECRET: 'gen-api-only-secret-never-used-to-sign-anything',
  });
  const app = await createApp(config);
  await app.init();
  try {
    await writeFile(API_TYPES_FILE, await renderApiTypes(buildOpenApiDocument(app)));
    console.log(`wrote ${API_TYPES_FILE}`);
  } finally {
    await app.close();
  }
}

void main();
