import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { ProjectsModule } from '../projects/projects.module';
import { VisitorTokenService } from '../visitors/visitor-token.service';
import { VisitorsRepository } from '../visitors/visitors.repository';
import { WidgetAuthService } from './widget-auth.service';
import { WidgetController } from './widget.controller';
import { WidgetGuard, WidgetOrAgentGuard } from './widget.guard';
import { WidgetService } from './widget.service';

@Module({
  imports: [ProjectsModule, ConversationsModule],
  controllers: [WidgetController],
  providers: [
    VisitorTokenService,
    VisitorsRepository,
    WidgetAuthService,
    WidgetService,
    WidgetGuard,
    WidgetOrAgentGuard,
  ],
  exports: [VisitorsRepository, WidgetAuthService, WidgetGuard, WidgetOrAgentGuard],
})
export class WidgetModule {}
