import { Module } from '@nestjs/common';
import { VisitorTokenService } from './visitor-token.service';
import { VisitorsRepository } from './visitors.repository';

@Module({
  providers: [VisitorsRepository, VisitorTokenService],
  exports: [VisitorsRepository, VisitorTokenService],
})
export class VisitorsModule {}
