import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import type { MessageView } from './message.views';
import { ApiData } from '../../platform/http/api-docs';
import { UuidParam } from '../../platform/http/uuid-param';
import { HistoryQueryDto, MessageResponseDto, SendAgentMessageDto } from './messages.dto';
import { MessagesService } from './messages.service';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations/:id/messages')
export class MessagesAgentController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiOperation({
    summary: 'History including internal notes; newest page first, `before`/`after` seq cursors',
  })
  @ApiData(MessageResponseDto, 200, { paginated: true })
  history(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Query() query: HistoryQueryDto) {
    return this.messages.historyForAgent(user, id, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Reply as an agent, or add an internal note with private: true',
    description: '201 when stored; 200 with the original message when clientMessageId was already used.',
  })
  @ApiData(MessageResponseDto, 201)
  @ApiData(MessageResponseDto, 200)
  async reply(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: SendAgentMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageView> {
    const { message, created } = await this.messages.sendAsAgent(user, id, dto);
    void reply.status(created ? 201 : 200);
    return message;
  }
}
