import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { UuidParam } from '../../platform/http/uuid-param';
import type { LabelView } from './label.views';
import { CreateLabelDto, LabelResponseDto, ListLabelsQueryDto, UpdateLabelDto } from './labels.dto';
import { LabelsService } from './labels.service';

@ApiTags('labels')
@ApiBearerAuth()
@Controller()
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  @Get('teams/:teamId/labels')
  @ApiOperation({ summary: "A team's labels by name (every member)" })
  @ApiData(LabelResponseDto, 200, { paginated: true })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('teamId') teamId: string,
    @Query() query: ListLabelsQueryDto,
  ) {
    return this.labels.list(user, teamId, query);
  }

  @Post('teams/:teamId/labels')
  @ApiOperation({ summary: 'Create a label (owner/admin); names are stored lower-case, unique per team' })
  @ApiData(LabelResponseDto, 201)
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('teamId') teamId: string,
    @Body() dto: CreateLabelDto,
  ): Promise<LabelView> {
    return this.labels.create(user, teamId, dto);
  }

  @Patch('labels/:id')
  @ApiOperation({ summary: 'Rename or recolour a label (owner/admin)' })
  @ApiData(LabelResponseDto)
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateLabelDto,
  ): Promise<LabelView> {
    return this.labels.update(user, id, dto);
  }

  @Delete('labels/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a label; conversations lose it (owner/admin)' })
  @ApiNoContentResponse()
  async delete(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.labels.delete(user, id);
  }
}
