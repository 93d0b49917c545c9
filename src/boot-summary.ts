import { resolve } from 'node:path';
import type { AppConfig } from './config/env.schema';

export interface BootSummary {
  message: string;
  database: string;
  redis: string;
  urls: { console: string; docs: string; health: string };
}

/** Host, port and database of a PostgreSQL URL: never its user or password. */
function describePostgres(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `PostgreSQL ${hostname}:${port || '5432'}/${decodeURIComponent(pathname.slice(1)) || 'postgres'}`;
}

const describePglite = (dataDir: string): string =>
  dataDir.startsWith('memory://') ? 'PGlite in memory' : `PGlite in ${resolve(dataDir)}`;

/** Redis host and port only: a redis:// URL may carry a password too. */
function describeRedis(url: string | undefined): string {
  if (!url) return 'off';
  const { hostname, port } = new URL(url);
  return `on (${hostname}:${port || '6379'})`;
}

/** The one line a boot logs: what this node runs on and where to find it. */
export function bootSummary(config: AppConfig, port: number): BootSummary {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const database = config.DATABASE_URL
    ? describePostgres(config.DATABASE_URL)
    : describePglite(config.DATA_DIR);
  const redis = describeRedis(config.REDIS_URL);
  const urls = { console: `${base}/app`, docs: `${base}/docs`, health: `${base}/health` };
  const message =
    `Spectre Chat Server on ${base} (${config.NODE_ENV}): database ${database}, Redis ${redis}; ` +
    `console ${urls.console}, docs ${urls.docs}, health ${urls.health}`;
  return { message, database, redis, urls };
}

/** Production on the embedded database is allowed (small installs) but should be a choice. */
export const embeddedInProduction = (config: AppConfig): boolean =>
  config.isProduction && !config.DATABASE_URL;
