import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import type { ConversationView } from './conversation.views';
import { ApiData } from '../../platform/http/api-docs';
import { UuidParam } from '../../platform/http/uuid-param';
import { ApiRateLimited } from '../../platform/rate-limit';
import {
  ConversationDetailResponseDto,
  ConversationResponseDto,
  InboxItemResponseDto,
  ListConversationsQueryDto,
  MarkReadDto,
  ReadStateResponseDto,
  UpdateConversationDto,
} from './conversations.dto';
import { SetConversationLabelsDto } from '../labels/labels.dto';
import { ConversationsService } from './conversations.service';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @ApiOperation({
    summary: "Inbox: the caller's teams' conversations by last activity",
    description:
      'Filter by projectId, status, assignee (me | none | user id) and label (id); follow meta.nextCursor.',
  })
  @ApiData(InboxItemResponseDto, 200, { paginated: true })
  list(@CurrentUser() user: AuthUser, @Query() query: ListConversationsQueryDto) {
    return this.conversations.inbox(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: "One conversation with the visitor's profile (name, email, verified id, metadata)",
  })
  @ApiData(ConversationDetailResponseDto)
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<ConversationDetailResponseDto> {
    return this.conversations.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change status, assignee (a team member) or snooze time' })
  @ApiData(ConversationResponseDto)
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateConversationDto,
  ): Promise<ConversationView> {
    return this.conversations.update(user, id, dto);
  }

  @Put(':id/labels')
  @ApiOperation({
    summary: "Set the conversation's labels (labels of its team; another team's label id is a 404)",
  })
  @ApiData(ConversationResponseDto)
  setLabels(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: SetConversationLabelsDto,
  ): Promise<ConversationView> {
    return this.conversations.setLabels(user, id, dto.labelIds);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark visitor messages read up to a seq (agent side)' })
  @ApiData(ReadStateResponseDto)
  @ApiRateLimited()
  read(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: MarkReadDto,
  ): Promise<ReadStateResponseDto> {
    return this.conversations.markAgentRead(user, id, dto.seq);
  }
}
