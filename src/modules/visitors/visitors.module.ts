import { Module } from '@nestjs/common';
import { VisitorTokenService } from './visitor-token.service';
import { VisitorDirectoryRepository } from './visitor-directory.repository';
import { VisitorsRepository } from './visitors.repository';

@Module({
  providers: [VisitorsRepository, VisitorDirectoryRepository, VisitorTokenService],
  exports: [VisitorsRepository, VisitorDirectoryRepository, VisitorTokenService],
})
export class VisitorsModule {}
