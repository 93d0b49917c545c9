import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { LabelsModule } from '../labels/labels.module';
import { VisitorsModule } from '../visitors/visitors.module';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';

@Module({
  imports: [AccessModule, VisitorsModule, ConversationsModule, LabelsModule],
  controllers: [ContactsController],
  providers: [ContactsService, ContactsRepository],
})
export class ContactsModule {}
