import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { UuidParam } from '../../platform/http/uuid-param';
import {
  AcceptInvitationDto,
  ChangeRoleDto,
  CreatedInvitationResponseDto,
  CreateTeamDto,
  InvitationResponseDto,
  InviteMemberDto,
  MemberResponseDto,
  TeamResponseDto,
  UpdateTeamDto,
} from './teams.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth()
@Controller()
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get('teams')
  @ApiOperation({ summary: "The caller's teams, with the caller's role in each" })
  @ApiData(TeamResponseDto, 200, { isArray: true })
  list(@CurrentUser() user: AuthUser): Promise<TeamResponseDto[]> {
    return this.teams.list(user);
  }

  @Post('teams')
  @ApiOperation({ summary: 'Create a team owned by the caller' })
  @ApiData(TeamResponseDto, 201)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTeamDto): Promise<TeamResponseDto> {
    return this.teams.create(user, dto.name);
  }

  @Get('teams/:id')
  @ApiOperation({ summary: "One of the caller's teams, with the caller's role" })
  @ApiData(TeamResponseDto)
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<TeamResponseDto> {
    return this.teams.get(user, id);
  }

  @Patch('teams/:id')
  @ApiOperation({ summary: 'Rename a team (owner/admin)' })
  @ApiData(TeamResponseDto)
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateTeamDto,
  ): Promise<TeamResponseDto> {
    return this.teams.rename(user, id, dto.name);
  }

  @Get('teams/:id/members')
  @ApiOperation({ summary: "A team's members and their roles" })
  @ApiData(MemberResponseDto, 200, { isArray: true })
  members(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<MemberResponseDto[]> {
    return this.teams.members(user, id);
  }

  @Patch('teams/:id/members/:userId')
  @ApiOperation({ summary: "Change a member's role (owner/admin; only owners grant or remove ownership)" })
  @ApiData(MemberResponseDto)
  changeRole(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @UuidParam('userId') memberId: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<MemberResponseDto> {
    return this.teams.changeRole(user, id, memberId, dto.role);
  }

  @Delete('teams/:id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (owner/admin), or leave the team (yourself)' })
  @ApiNoContentResponse()
  async removeMember(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @UuidParam('userId') memberId: string,
  ): Promise<void> {
    await this.teams.removeMember(user, id, memberId);
  }

  @Post('teams/:id/invitations')
  @ApiOperation({ summary: 'Invite someone by email; returns the invitation token once (owner/admin)' })
  @ApiData(CreatedInvitationResponseDto, 201)
  invite(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: InviteMemberDto,
  ): Promise<CreatedInvitationResponseDto> {
    return this.teams.invite(user, id, dto);
  }

  @Get('teams/:id/invitations')
  @ApiOperation({ summary: 'Pending invitations (owner/admin)' })
  @ApiData(InvitationResponseDto, 200, { isArray: true })
  invitations(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<InvitationResponseDto[]> {
    return this.teams.invitations(user, id);
  }

  @Delete('teams/:id/invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a pending invitation (owner/admin)' })
  @ApiNoContentResponse()
  async revokeInvitation(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @UuidParam('invitationId') invitationId: string,
  ): Promise<void> {
    await this.teams.revokeInvitation(user, id, invitationId);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOperation({ summary: "Accept an invitation sent to the caller's email" })
  @ApiData(TeamResponseDto)
  accept(@CurrentUser() user: AuthUser, @Body() dto: AcceptInvitationDto): Promise<TeamResponseDto> {
    return this.teams.accept(user, dto.token);
  }
}
