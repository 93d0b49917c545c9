import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ContinuityService } from './continuity.service';
import { MailQueueRepository } from './mail-queue.repository';
import { MailSender } from './mail-sender.service';
import { NotificationsConsumer } from './notifications.consumer';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';

/** Mails from outbox events: invitations, password resets, continuity, agent notifications, webhook alerts. */
@Module({
  imports: [AccessModule],
  controllers: [NotificationsController],
  providers: [
    MailQueueRepository,
    MailSender,
    NotificationsRepository,
    ContinuityService,
    NotificationsConsumer,
  ],
  exports: [MailSender, ContinuityService],
})
export class NotificationsModule {}
