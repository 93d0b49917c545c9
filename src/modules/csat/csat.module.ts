import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { VisitorsModule } from '../visitors/visitors.module';
import { WidgetModule } from '../widget/widget.module';
import { CsatController } from './csat.controller';
import { CsatRepository } from './csat.repository';
import { CsatService } from './csat.service';
import { CsatWidgetController } from './csat.widget.controller';

@Module({
  imports: [AccessModule, ConversationsModule, VisitorsModule, WidgetModule],
  controllers: [CsatController, CsatWidgetController],
  providers: [CsatRepository, CsatService],
})
export class CsatModule {}
