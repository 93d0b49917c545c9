import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiData } from '../../platform/http/api-docs';
import { WidgetApi } from '../../platform/http/route-kind';
import { UuidParam } from '../../platform/http/uuid-param';
import { WidgetRateLimit } from '../../platform/rate-limit';
import { Widget, WidgetGuard } from '../widget/widget.guard';
import type { WidgetContext } from '../widget/widget-auth.service';
import { RateConversationDto, RatingResponseDto, WidgetRatingStateResponseDto } from './csat.dto';
import { CsatService } from './csat.service';

@ApiTags('widget')
@ApiSecurity('project-key')
@ApiSecurity('visitor-token')
@WidgetApi()
@UseGuards(WidgetGuard)
@Controller('widget/conversations')
export class CsatWidgetController {
  constructor(private readonly csat: CsatService) {}

  @Get(':id/rating')
  @ApiOperation({ summary: 'Whether the widget should ask for a rating, and the rating given' })
  @ApiData(WidgetRatingStateResponseDto)
  state(@Widget() ctx: WidgetContext, @UuidParam() id: string): Promise<WidgetRatingStateResponseDto> {
    return this.csat.stateForVisitor(ctx, id);
  }

  @Post(':id/rating')
  @HttpCode(200)
  @WidgetRateLimit('message')
  @ApiOperation({
    summary: 'Rate a resolved conversation 1–5 with an optional comment (one per conversation)',
    description:
      'Once per conversation, changeable for 7 days (then 409 RATING_LOCKED). Needs the project to ' +
      'have ratings on (409 CSAT_DISABLED) and the conversation resolved (409 RATING_NOT_REQUESTED).',
  })
  @ApiData(RatingResponseDto)
  rate(
    @Widget() ctx: WidgetContext,
    @UuidParam() id: string,
    @Body() dto: RateConversationDto,
  ): Promise<RatingResponseDto> {
    return this.csat.rate(ctx, id, dto);
  }
}
