import { Inject, Injectable } from '@nestjs/common';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type GaugeConfiguration,
} from 'prom-client';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';

/** Seconds; from a cached read to a slow inbox page. */
const HTTP_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The application's Prometheus registry and the metrics the platform records itself. One registry
 * per app (not prom-client's global one), so several apps in one process (the tests) stay apart.
 * Metrics are collected only when a scrape endpoint is configured (`enabled`); owners of other
 * figures register gauges read at scrape time with `gauge()`.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly enabled: boolean;
  readonly httpDuration = new Histogram({
    name: 'spectre_http_request_duration_seconds',
    help: 'HTTP request duration by route template and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'spectre_rate_limit_refusals_total',
    help: 'Requests and socket events refused by a rate limit, by bucket',
    labelNames: ['bucket'] as const,
    registers: [this.registry],
  });
  readonly socketEvents = new Counter({
    name: 'spectre_socket_events_total',
    help: 'Socket.IO events received (in) and sent (out), by namespace',
    labelNames: ['namespace', 'direction'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = config.METRICS_PORT !== undefined || config.METRICS_TOKEN !== undefined;
    // Process CPU and memory, GC, handles, and the event loop lag (nodejs_eventloop_lag_*).
    if (this.enabled) collectDefaultMetrics({ register: this.registry });
  }

  /** A gauge whose value `collect` sets at scrape time (nothing is spent between scrapes). */
  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return new Gauge({ ...config, registers: [this.registry] });
  }
}
