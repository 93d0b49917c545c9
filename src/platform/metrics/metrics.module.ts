import { once } from 'node:events';
import type { Server } from 'node:http';
import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import type { Database } from '../../db/database';
import { DATABASE } from '../../db/tokens';
import { registerHttpMetrics } from './http-metrics';
import { createMetricsServer, registerMetricsRoute } from './metrics-endpoint';
import { Metrics } from './metrics.service';

/**
 * Prometheus metrics (see Metrics). Scraped on METRICS_PORT, a port of its own, and/or on the main
 * port behind METRICS_TOKEN; with neither set nothing is collected or served.
 */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) database: Database,
  ) {
    if (metrics.enabled && database.poolStats) registerPoolGauges(metrics, database.poolStats);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === undefined) return;
    this.server = createMetricsServer(this.metrics, this.config.METRICS_TOKEN);
    this.server.listen(this.config.METRICS_PORT, this.config.METRICS_HOST);
    await once(this.server, 'listening');
    this.logger.log(`metrics on ${this.config.METRICS_HOST} port ${this.config.METRICS_PORT}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function registerPoolGauges(metrics: Metrics, stats: NonNullable<Database['poolStats']>): void {
  const gauges = {
    total: 'Connections the PostgreSQL pool holds',
    idle: 'Idle connections in the PostgreSQL pool',
    waiting: 'Queries waiting for a PostgreSQL connection',
  } as const;
  for (const [key, help] of Object.entries(gauges) as [keyof typeof gauges, string][]) {
    metrics.gauge({
      name: `spectre_db_pool_${key}`,
      help,
      collect() {
        this.set(stats()[key]);
      },
    });
  }
}

/** The HTTP side, on the app's Fastify instance: the duration hook, and /metrics behind the token. */
export function registerMetrics(fastify: FastifyInstance, metrics: Metrics, config: AppConfig): void {
  if (!metrics.enabled) return;
  registerHttpMetrics(fastify, metrics);
  if (config.METRICS_TOKEN !== undefined) registerMetricsRoute(fastify, metrics, config.METRICS_TOKEN);
}
