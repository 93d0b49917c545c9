import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../../platform/http/zod-dto';
import { z } from 'zod';
import { ApiData } from '../../platform/http/api-docs';
import { limitSchema } from '../../platform/http/pagination';
import { WidgetApi } from '../../platform/http/route-kind';
import { requireVisitor, Widget, WidgetGuard } from '../widget/widget.guard';
import type { WidgetContext } from '../widget/widget-auth.service';
import { WidgetConversationItemDto } from './conversations.dto';
import { ConversationsService } from './conversations.service';

class WidgetListQueryDto extends createZodDto(
  z.strictObject({ cursor: z.string().max(500).optional(), limit: limitSchema }),
) {}

@ApiTags('widget')
@ApiSecurity('project-key')
@ApiSecurity('visitor-token')
@WidgetApi()
@UseGuards(WidgetGuard)
@Controller('widget/conversations')
export class ConversationsWidgetController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @ApiOperation({ summary: "The visitor's own conversations, newest activity first (cursor-paginated)" })
  @ApiData(WidgetConversationItemDto, 200, { paginated: true })
  list(@Widget() ctx: WidgetContext, @Query() q: WidgetListQueryDto) {
    return this.conversations.listForVisitor(requireVisitor(ctx), q);
  }
}
