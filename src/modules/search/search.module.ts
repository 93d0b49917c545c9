import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { VisitorsModule } from '../visitors/visitors.module';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

@Module({
  imports: [AccessModule, VisitorsModule],
  controllers: [SearchController],
  providers: [SearchService, SearchRepository],
})
export class SearchModule {}
