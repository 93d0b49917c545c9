import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ProjectsModule } from '../projects/projects.module';
import { WidgetModule } from '../widget/widget.module';
import { AttachmentContentController, AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

@Module({
  imports: [AccessModule, ProjectsModule, WidgetModule],
  controllers: [AttachmentsController, AttachmentContentController],
  providers: [AttachmentsRepository, AttachmentsService],
  exports: [AttachmentsRepository, AttachmentsService],
})
export class AttachmentsModule {}
