import { Module } from '@nestjs/common';
import { ConversationsModule } from '../modules/conversations/conversations.module';
import { MessagesModule } from '../modules/messages/messages.module';
import { ProjectsModule } from '../modules/projects/projects.module';
import { WidgetModule } from '../modules/widget/widget.module';
import { TeamsModule } from '../modules/teams/teams.module';
import { AgentGateway } from './agent.gateway';
import { AgentRooms } from './agent-rooms.service';
import { RealtimeBus } from './realtime-bus.service';
import { RealtimeShutdown } from './realtime-shutdown.service';
import { ResyncService } from './resync.service';
import { SocketGuard } from './socket-guard';
import { WidgetGateway } from './widget.gateway';

@Module({
  imports: [TeamsModule, ProjectsModule, ConversationsModule, WidgetModule, MessagesModule],
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
