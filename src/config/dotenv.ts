import { existsSync } from 'node:fs';

/** Reads `.env` from the working directory when present; variables already in the environment win. */
export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}
