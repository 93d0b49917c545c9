import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { VisitorsModule } from '../visitors/visitors.module';
import { WidgetModule } from '../widget/widget.module';
import { MessagesAgentController } from './messages.agent.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { OfflineNoticeService } from './offline-notice.service';
import { MessagesWidgetController } from './messages.widget.controller';

@Module({
  imports: [AccessModule, AttachmentsModule, ConversationsModule, VisitorsModule, WidgetModule],
  controllers: [MessagesWidgetController, MessagesAgentController],
  providers: [MessagesRepository, MessagesService, OfflineNoticeService],
  exports: [MessagesService, MessagesRepository],
})
export class MessagesModule {}
