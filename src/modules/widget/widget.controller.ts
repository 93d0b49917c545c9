import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiData } from '../../platform/http/api-docs';
import { WidgetApi } from '../../platform/http/route-kind';
import { WidgetRateLimit } from '../../platform/rate-limit';
import { Widget, WidgetGuard } from './widget.guard';
import type { WidgetContext } from './widget-auth.service';
import { WidgetConfigResponseDto, WidgetSessionDto, WidgetSessionResponseDto } from './widget.dto';
import { WidgetService } from './widget.service';

@ApiTags('widget')
@ApiSecurity('project-key')
@ApiSecurity('visitor-token')
@WidgetApi()
@UseGuards(WidgetGuard)
@Controller('widget')
export class WidgetController {
  constructor(private readonly widget: WidgetService) {}

  @Get('config')
  @ApiOperation({ summary: 'Widget settings for the project, and whether an agent is online' })
  @ApiData(WidgetConfigResponseDto)
  config(@Widget() ctx: WidgetContext): Promise<WidgetConfigResponseDto> {
    return this.widget.config(ctx);
  }

  @Post('session')
  @HttpCode(200)
  @WidgetRateLimit('message')
  @ApiOperation({
    summary:
      'Get a visitor token before the first message; identify a logged-in user (externalId + userHash)',
  })
  @ApiData(WidgetSessionResponseDto)
  session(@Widget() ctx: WidgetContext, @Body() dto: WidgetSessionDto): Promise<WidgetSessionResponseDto> {
    return this.widget.session(ctx, dto);
  }
}
