import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { VisitorsModule } from '../visitors/visitors.module';
import { WidgetAuthService } from './widget-auth.service';
import { WidgetController } from './widget.controller';
import { WidgetGuard, WidgetOrAgentGuard } from './widget.guard';
import { WidgetService } from './widget.service';

@Module({
  imports: [ProjectsModule, VisitorsModule],
  controllers: [WidgetController],
  providers: [WidgetAuthService, WidgetService, WidgetGuard, WidgetOrAgentGuard],
  exports: [WidgetAuthService, WidgetGuard, WidgetOrAgentGuard],
})
export class WidgetModule {}
