import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AllExceptionsFilter } from './platform/errors/all-exceptions.filter';
import { ValidationPipe } from './platform/http/validation-pipe';
import { RateLimitModule } from './platform/rate-limit';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/env.schema';
import { DatabaseModule } from './db/database.module';
import { EventsModule } from './platform/events/events.module';
import { JobsModule } from './platform/jobs/jobs.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { OutboxModule } from './platform/outbox/outbox.module';
import { RedisModule } from './platform/redis/redis.module';
import { AuthModule } from './modules/auth/auth.module';
import { ConversationsModule } from './modules/conversations/conversations.module';
import { MessagesModule } from './modules/messages/messages.module';
import { AttachmentsModule } from './modules/attachments/attachments.module';
import { StorageModule } from './platform/storage/storage.module';
import { PresenceModule } from './modules/presence/presence.module';
import { RealtimeModule } from './realtime/realtime.module';
import { WidgetModule } from './modules/widget/widget.module';
import { HealthModule } from './modules/health/health.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { TeamsModule } from './modules/teams/teams.module';
import { LabelsModule } from './modules/labels/labels.module';
import { CannedResponsesModule } from './modules/canned-responses/canned-responses.module';
import { ContactsModule } from './modules/contacts/contacts.module';
import { SearchModule } from './modules/search/search.module';
import { MailModule } from './platform/mail/mail.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { CsatModule } from './modules/csat/csat.module';
import { ReportsModule } from './modules/reports/reports.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        MetricsModule,
        JobsModule,
        RateLimitModule,
        RedisModule,
        EventsModule,
        OutboxModule,
        MailModule,
        StorageModule,
        PresenceModule,
        AuthModule,
        TeamsModule,
        ProjectsModule,
        ConversationsModule,
        WidgetModule,
        AttachmentsModule,
        MessagesModule,
        LabelsModule,
        CannedResponsesModule,
        ContactsModule,
        SearchModule,
        NotificationsModule,
        WebhooksModule,
        CsatModule,
        ReportsModule,
        RealtimeModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
