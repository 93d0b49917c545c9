import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './env.schema';

/**
 * Development without JWT_SECRET: the generated secret is kept in DATA_DIR, so `npm run dev`
 * restarting on every file change does not log everyone out. Production always has JWT_SECRET.
 * `file` is unset when nothing was kept (in-memory data directory).
 */
export function keepDevJwtSecret(config: AppConfig): { config: AppConfig; file?: string } {
  if (!config.generatedJwtSecret || config.DATA_DIR.startsWith('memory://')) return { config };
  const file = join(config.DATA_DIR, 'dev-jwt-secret');
  try {
    const stored = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (stored.length >= 32) return { config: { ...config, JWT_SECRET: stored }, file };
    mkdirSync(config.DATA_DIR, { recursive: true });
    writeFileSync(file, config.JWT_SECRET, { mode: 0o600 });
    return { config, file };
  } catch {
    return { config }; // an unwritable DATA_DIR: the process-only secret still lets development start
  }
}
