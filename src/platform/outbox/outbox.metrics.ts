import type { Metrics } from '../metrics/metrics.service';
import type { OutboxRepository } from './outbox.repository';

/** The outbox backlog, read (one query) at scrape time. A failed read leaves the last values. */
export function registerOutboxMetrics(metrics: Metrics, repo: OutboxRepository): void {
  metrics.gauge({
    name: 'spectre_outbox_backlog',
    help: 'Outbox rows waiting for delivery (pending) or set aside after too many attempts (failed)',
    labelNames: ['state'] as const,
    async collect() {
      const backlog = await repo.backlog().catch(() => undefined);
      if (!backlog) return;
      this.set({ state: 'pending' }, backlog.pending);
      this.set({ state: 'failed' }, backlog.failed);
    },
  });
}
