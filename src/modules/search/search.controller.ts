import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { SearchQueryDto, SearchResponseDto } from './search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @ApiOperation({
    summary: "Search the caller's teams: conversations by their messages (internal notes too), and visitors",
    description:
      'Conversations by relevance of their best match, then newest match, with highlighted snippets ' +
      '(plain text + highlight ranges); visitors by part of name, email or external id (first page only). ' +
      'Follow data.nextCursor for more conversations.',
  })
  @ApiData(SearchResponseDto)
  find(@CurrentUser() user: AuthUser, @Query() query: SearchQueryDto): Promise<SearchResponseDto> {
    return this.search.search(user, query);
  }
}
