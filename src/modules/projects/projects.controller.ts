import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { UuidParam } from '../../platform/http/uuid-param';
import {
  CreateProjectDto,
  ListProjectsQueryDto,
  ProjectResponseDto,
  ProjectWithSecretResponseDto,
  UpdateProjectDto,
} from './projects.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a widget project in a team (owner/admin); the secret is shown once' })
  @ApiData(ProjectWithSecretResponseDto, 201)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateProjectDto,
  ): Promise<ProjectWithSecretResponseDto> {
    return this.projects.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: "Projects of the caller's teams" })
  @ApiData(ProjectResponseDto, 200, { isArray: true })
  list(@CurrentUser() user: AuthUser, @Query() query: ListProjectsQueryDto): Promise<ProjectResponseDto[]> {
    return this.projects.list(user, query.teamId);
  }

  @Get(':id')
  @ApiOperation({ summary: "One project of the caller's teams (without its secret)" })
  @ApiData(ProjectResponseDto)
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<ProjectResponseDto> {
    return this.projects.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update name, allowed origins, widget settings or verification (owner/admin)' })
  @ApiData(ProjectResponseDto)
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<ProjectResponseDto> {
    return this.projects.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a project with its visitors and conversations (owner/admin)' })
  @ApiNoContentResponse()
  async delete(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.projects.delete(user, id);
  }

  @Post(':id/rotate-key')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue a new public widget key (owner/admin)' })
  @ApiData(ProjectResponseDto)
  rotateKey(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<ProjectResponseDto> {
    return this.projects.rotateKey(user, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue a new identity-verification secret, shown once (owner/admin)' })
  @ApiData(ProjectWithSecretResponseDto)
  rotateSecret(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
  ): Promise<ProjectWithSecretResponseDto> {
    return this.projects.rotateSecret(user, id);
  }
}
