import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { UuidParam } from '../../platform/http/uuid-param';
import type { CannedResponseView } from './canned-response.views';
import {
  CannedResponseResponseDto,
  CreateCannedResponseDto,
  ListCannedResponsesQueryDto,
  UpdateCannedResponseDto,
} from './canned-responses.dto';
import { CannedResponsesService } from './canned-responses.service';

@ApiTags('canned-responses')
@ApiBearerAuth()
@Controller()
export class CannedResponsesController {
  constructor(private readonly canned: CannedResponsesService) {}

  @Get('teams/:teamId/canned-responses')
  @ApiOperation({ summary: "A team's canned responses by shortcut (every member)" })
  @ApiData(CannedResponseResponseDto, 200, { paginated: true })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('teamId') teamId: string,
    @Query() query: ListCannedResponsesQueryDto,
  ) {
    return this.canned.list(user, teamId, query);
  }

  @Post('teams/:teamId/canned-responses')
  @ApiOperation({ summary: 'Create a canned response (every member; the caller is its author)' })
  @ApiData(CannedResponseResponseDto, 201)
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('teamId') teamId: string,
    @Body() dto: CreateCannedResponseDto,
  ): Promise<CannedResponseView> {
    return this.canned.create(user, teamId, dto);
  }

  @Patch('canned-responses/:id')
  @ApiOperation({ summary: 'Change a canned response (its author, or an owner/admin)' })
  @ApiData(CannedResponseResponseDto)
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateCannedResponseDto,
  ): Promise<CannedResponseView> {
    return this.canned.update(user, id, dto);
  }

  @Delete('canned-responses/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a canned response (its author, or an owner/admin)' })
  @ApiNoContentResponse()
  async delete(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.canned.delete(user, id);
  }
}
