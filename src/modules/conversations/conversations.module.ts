import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { LabelsModule } from '../labels/labels.module';
import { VisitorsModule } from '../visitors/visitors.module';
import { WidgetModule } from '../widget/widget.module';
import { ConversationsController } from './conversations.controller';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { ConversationsWidgetController } from './conversations.widget.controller';

@Module({
  imports: [AccessModule, LabelsModule, VisitorsModule, WidgetModule],
  controllers: [ConversationsController, ConversationsWidgetController],
  providers: [ConversationsRepository, ConversationsService],
  exports: [ConversationsRepository, ConversationsService],
})
export class ConversationsModule {}
