import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { UuidParam } from '../../platform/http/uuid-param';
import { ConversationRatingResponseDto } from './csat.dto';
import { CsatService } from './csat.service';

@ApiTags('csat')
@ApiBearerAuth()
@Controller('conversations')
export class CsatController {
  constructor(private readonly csat: CsatService) {}

  @Get(':id/rating')
  @ApiOperation({ summary: "The visitor's satisfaction rating of a conversation (null when none)" })
  @ApiData(ConversationRatingResponseDto)
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<ConversationRatingResponseDto> {
    return this.csat.forAgent(user, id);
  }
}
