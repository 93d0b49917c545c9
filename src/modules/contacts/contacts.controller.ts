import { Body, Controller, Delete, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { UuidParam } from '../../platform/http/uuid-param';
import { ConversationResponseDto } from '../conversations/conversations.dto';
import {
  ListVisitorsQueryDto,
  UpdatedVisitorResponseDto,
  UpdateVisitorDto,
  VisitorConversationsQueryDto,
  VisitorExportResponseDto,
  VisitorResponseDto,
} from './contacts.dto';
import { ContactsService } from './contacts.service';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller()
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get('projects/:id/visitors')
  @ApiOperation({
    summary: "A project's visitors, most recently seen first",
    description:
      '`q` matches part of a name, email or external id (case-insensitive); follow meta.nextCursor.',
  })
  @ApiData(VisitorResponseDto, 200, { paginated: true })
  list(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Query() query: ListVisitorsQueryDto) {
    return this.contacts.list(user, id, query);
  }

  @Get('visitors/:id')
  @ApiOperation({ summary: "A visitor's profile, with whether they are blocked" })
  @ApiData(VisitorResponseDto)
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string) {
    return this.contacts.get(user, id);
  }

  @Patch('visitors/:id')
  @ApiOperation({
    summary: 'Edit name, email, metadata; block or unblock',
    description:
      "A blocked visitor's widget sends, new sessions, uploads and ratings answer 403 VISITOR_BLOCKED and write nothing. " +
      "`resolveOpen: true` (with `blocked: true`) also resolves the visitor's unresolved conversations.",
  })
  @ApiData(UpdatedVisitorResponseDto)
  update(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Body() dto: UpdateVisitorDto) {
    return this.contacts.update(user, id, dto);
  }

  @Get('visitors/:id/conversations')
  @ApiOperation({ summary: "The visitor's conversations, newest activity first" })
  @ApiData(ConversationResponseDto, 200, { paginated: true })
  conversations(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Query() query: VisitorConversationsQueryDto,
  ) {
    return this.contacts.conversationsOf(user, id, query);
  }

  @Delete('visitors/:id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase a visitor (admins): with their conversations, messages and pending events',
    description: 'The right to erasure. Audited; a `visitor.erased` event (ids only) goes out.',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  erase(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.contacts.erase(user, id);
  }

  @Get('visitors/:id/export')
  @ApiOperation({
    summary: 'Everything stored about a visitor, as JSON (admins)',
    description: 'Portability: the profile and every conversation with its whole history. Audited.',
  })
  @ApiData(VisitorExportResponseDto)
  export(@CurrentUser() user: AuthUser, @UuidParam() id: string) {
    return this.contacts.export(user, id);
  }
}
