import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookRetentionService } from './webhook-retention.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [AccessModule],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookDeliveryService, WebhookRetentionService],
})
export class WebhooksModule {}
