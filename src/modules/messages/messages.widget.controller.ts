import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { WidgetApi } from '../../platform/http/route-kind';
import { UuidParam } from '../../platform/http/uuid-param';
import { ApiRateLimited } from '../../platform/rate-limit';
import { ReadStateResponseDto, MarkReadDto } from '../conversations/conversations.dto';
import { ConversationsService } from '../conversations/conversations.service';
import { requireVisitor, Widget, WidgetGuard, WidgetOrAgentGuard } from '../widget/widget.guard';
import type { WidgetContext } from '../widget/widget-auth.service';
import {
  HistoryQueryDto,
  MessageResponseDto,
  SendVisitorMessageDto,
  VisitorSendResponseDto,
} from './messages.dto';
import { MessagesService } from './messages.service';

@ApiTags('widget')
@ApiSecurity('project-key')
@ApiSecurity('visitor-token')
@WidgetApi()
@Controller('messages')
export class MessagesWidgetController {
  constructor(
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
  ) {}

  @Post()
  @UseGuards(WidgetGuard)
  @ApiOperation({
    summary: 'Send a visitor message (without conversationId, it opens a conversation)',
    description:
      'Needs a visitor token (POST /widget/session first; without one: 401 VISITOR_TOKEN_INVALID). ' +
      '201 when stored; 200 with the original message when this visitor already used the clientMessageId. ' +
      'A `visitor` profile updates this visitor; an externalId other than its own is refused ' +
      '(400 IDENTITY_CHANGE_NOT_ALLOWED).',
  })
  @ApiData(VisitorSendResponseDto, 201)
  @ApiData(VisitorSendResponseDto, 200)
  @ApiRateLimited()
  async send(
    @Widget() ctx: WidgetContext,
    @Body() dto: SendVisitorMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VisitorSendResponseDto> {
    const { created, ...result } = await this.messages.sendAsVisitor(ctx, dto);
    void reply.status(created ? 201 : 200);
    return result;
  }

  @Get('conversations/:id')
  @UseGuards(WidgetOrAgentGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "A conversation's history (visitor token of its visitor, or an agent token of its team)",
    description: 'Newest page first (ascending within a page); `before`/`after` take a message seq.',
  })
  @ApiData(MessageResponseDto, 200, { paginated: true })
  history(
    @Req() req: FastifyRequest & { user?: AuthUser; widget?: WidgetContext },
    @UuidParam() id: string,
    @Query() query: HistoryQueryDto,
  ) {
    if (req.user) return this.messages.historyForAgent(req.user, id, query);
    return this.messages.historyForVisitor(requireVisitor(req.widget!), id, query);
  }

  @Post('conversations/:id/read')
  @HttpCode(200)
  @UseGuards(WidgetGuard)
  @ApiOperation({ summary: 'Mark agent replies read up to a seq (visitor side)' })
  @ApiData(ReadStateResponseDto)
  @ApiRateLimited()
  read(
    @Widget() ctx: WidgetContext,
    @UuidParam() id: string,
    @Body() dto: MarkReadDto,
  ): Promise<ReadStateResponseDto> {
    return this.conversations.markVisitorRead(requireVisitor(ctx), id, dto.seq);
  }
}
