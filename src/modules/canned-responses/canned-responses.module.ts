import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CannedResponsesController } from './canned-responses.controller';
import { CannedResponsesRepository } from './canned-responses.repository';
import { CannedResponsesService } from './canned-responses.service';

@Module({
  imports: [AccessModule],
  controllers: [CannedResponsesController],
  providers: [CannedResponsesRepository, CannedResponsesService],
})
export class CannedResponsesModule {}
