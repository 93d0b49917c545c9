import { Global, Module } from '@nestjs/common';
import { Metrics } from '../metrics/metrics.service';
import { registerOutboxMetrics } from './outbox.metrics';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';

@Global()
@Module({ providers: [OutboxRepository, OutboxDispatcher], exports: [OutboxDispatcher] })
export class OutboxModule {
  constructor(metrics: Metrics, repo: OutboxRepository) {
    if (metrics.enabled) registerOutboxMetrics(metrics, repo);
  }
}
