import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { WebhooksRepository } from './webhooks.repository';

/** Settled deliveries (their bodies carry visitor data) are kept this long in the delivery log. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 3600_000;
const SWEEP_EVERY_MS = 3600_000;

/** Deletes delivered and failed webhook deliveries older than 30 days, once per cluster each hour. */
@Injectable()
export class WebhookRetentionService implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'webhooks.retention-sweep',
      everyMs: SWEEP_EVERY_MS,
      scope: 'cluster',
      run: () => this.sweep(),
    });
  }

  async sweep(now = new Date()): Promise<number> {
    const deleted = await this.repo.deleteSettledBefore(new Date(now.getTime() - DELIVERY_RETENTION_MS));
    if (deleted > 0) this.logger.log(`deleted ${deleted} settled webhook deliveries older than 30 days`);
    return deleted;
  }
}
