import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { WidgetModule } from '../widget/widget.module';
import { MessagesAgentController } from './messages.agent.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { MessagesWidgetController } from './messages.widget.controller';

@Module({
  imports: [ConversationsModule, WidgetModule],
  controllers: [MessagesWidgetController, MessagesAgentController],
  providers: [MessagesRepository, MessagesService],
  exports: [MessagesService, MessagesRepository],
})
export class MessagesModule {}
