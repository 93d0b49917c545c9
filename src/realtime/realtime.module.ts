import { Module } from '@nestjs/common';
import { AccessModule } from '../modules/access/access.module';
import { ConversationsModule } from '../modules/conversations/conversations.module';
import { MessagesModule } from '../modules/messages/messages.module';
import { VisitorsModule } from '../modules/visitors/visitors.module';
import { WidgetModule } from '../modules/widget/widget.module';
import { AgentGateway } from './agent.gateway';
import { AgentRooms } from './agent-rooms.service';
import { RealtimeBus } from './realtime-bus.service';
import { RealtimeShutdown } from './realtime-shutdown.service';
import { ResyncService } from './resync.service';
import { SocketGuard } from './socket-guard';
import { WidgetGateway } from './widget.gateway';

@Module({
  imports: [AccessModule, ConversationsModule, VisitorsModule, WidgetModule, MessagesModule],
  providers: [
    AgentRooms,
    RealtimeBus,
    ResyncService,
    SocketGuard,
    RealtimeShutdown,
    AgentGateway,
    WidgetGateway,
  ],
})
export class RealtimeModule {}
