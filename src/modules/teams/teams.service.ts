import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import type { AuthUser } from '../../platform/auth/auth-user';
import { randomToken, sha256 } from '../../platform/crypto';
import { AppError } from '../../platform/errors/app-error';
import { DomainEvents } from '../../platform/events/domain-events';
import { ErrorCode } from '../../platform/errors/error-codes';
import type { Db } from '../../db/database';
import type { Team, TeamRole } from '../../db/schema';
import { AuthService } from '../auth/auth.service';
import { toConversationView } from '../conversations/conversation.views';
import { AccessService } from '../access/access.service';
import { assertRole, mayGrant, minimumGranterOf } from '../access/roles';
import {
  toInvitationResponse,
  toMemberResponse,
  toTeamResponse,
  type CreatedInvitationResponseDto,
  type InvitationResponseDto,
  type InviteMemberDto,
  type MemberResponseDto,
  type TeamResponseDto,
  invitationAcceptPath,
} from './teams.dto';
import { TeamsRepository, type MemberChange } from './teams.repository';

const INVITATION_TTL_MS = 7 * 86_400_000;

const INVITATION_SWEEP_MS = 3_600_000;

@Injectable()
export class TeamsService implements OnModuleInit {
  constructor(
    private readonly repo: TeamsRepository,
    private readonly access: AccessService,
    private readonly auth: AuthService,
    private readonly events: DomainEvents,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'teams.expired-invitations-sweep',
      everyMs: INVITATION_SWEEP_MS,
      scope: 'cluster',
      run: () => this.repo.deleteExpiredInvitations(),
    });
    this.auth.useInvitationRedeemer((tx, token, email, userId) =>
      this.redeemForNewUser(tx, token, email, userId),
    );
  }

  async list(user: AuthUser): Promise<TeamResponseDto[]> {
    return (await this.repo.listForUser(user.id)).map(toTeamResponse);
  }

  async create(user: AuthUser, name: string): Promise<TeamResponseDto> {
    const team = await this.repo.create(name, user.id);
    this.events.publish({ type: 'access.changed', teamId: team.id, userId: user.id });
    return toTeamResponse({ ...team, role: 'owner' });
  }

  async get(user: AuthUser, teamId: string): Promise<TeamResponseDto> {
    return toTeamResponse(await this.access.team(user, teamId));
  }

  async rename(user: AuthUser, teamId: string, name: string): Promise<TeamResponseDto> {
    const { role } = await this.access.team(user, teamId, 'admin');
    return toTeamResponse({ ...(await this.repo.rename(teamId, name)), role });
  }

  async members(user: AuthUser, teamId: string): Promise<MemberResponseDto[]> {
    await this.access.team(user, teamId);
    return (await this.repo.listMembers(teamId)).map(toMemberResponse);
  }

  async changeRole(
    user: AuthUser,
    teamId: string,
    memberId: string,
    role: TeamRole,
  ): Promise<MemberResponseDto> {
    const me = await this.access.team(user, teamId, 'admin');
    const target = await this.repo.findMember(teamId, memberId);
    if (!target) throw AppError.notFound(ErrorCode.MEMBER_NOT_FOUND, 'Member');
    // Only owners may grant or take away ownership.
    if (role === 'owner' || target.role === 'owner') assertRole(me.role, 'owner');
    this.assertChanged(await this.repo.changeMember(teamId, memberId, { role }, target.role));
    const [member] = await this.repo.listMembers(teamId, memberId);
    if (!member) throw AppError.notFound(ErrorCode.MEMBER_NOT_FOUND, 'Member');
    return toMemberResponse(member);
  }

  /** Owners/admins remove members; anyone may leave. The last owner can do neither. */
  async removeMember(user: AuthUser, teamId: string, memberId: string): Promise<void> {
    const me = await this.access.team(user, teamId);
    const target = await this.repo.findMember(teamId, memberId);
    if (!target) throw AppError.notFound(ErrorCode.MEMBER_NOT_FOUND, 'Member');
    if (memberId !== user.id) assertRole(me.role, target.role === 'owner' ? 'owner' : 'admin');
    const { unassigned } = this.assertChanged(
      await this.repo.changeMember(teamId, memberId, 'remove', target.role),
    );
    this.events.publish({ type: 'access.changed', teamId, userId: memberId, revoked: true });
    for (const conversation of unassigned) {
      this.events.publish({
        type: 'conversation.updated',
        conversation: toConversationView(conversation),
        changes: ['assigneeId'],
      });
    }
  }

  async invite(user: AuthUser, teamId: string, dto: InviteMemberDto): Promise<CreatedInvitationResponseDto> {
    await this.access.team(user, teamId, minimumGranterOf(dto.role));
    if (await this.repo.hasMemberWithEmail(teamId, dto.email)) {
      throw new AppError(ErrorCode.ALREADY_MEMBER, 'Someone with this email is already a member');
    }
    const token = randomToken('inv_');
    const invitation = await this.repo.createInvitation(
      {
        teamId,
        email: dto.email,
        role: dto.role,
        tokenHash: sha256(token),
        invitedById: user.id,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      token,
    );
    // Removed or demoted between the check above and the write.
    if (!invitation)
      throw new AppError(ErrorCode.CONFLICT, 'Your role changed meanwhile; reload and try again');
    return { ...toInvitationResponse(invitation), token, acceptPath: invitationAcceptPath(token) };
  }

  async invitations(user: AuthUser, teamId: string): Promise<InvitationResponseDto[]> {
    await this.access.team(user, teamId, 'admin');
    return (await this.repo.listPendingInvitations(teamId)).map(toInvitationResponse);
  }

  async revokeInvitation(user: AuthUser, teamId: string, invitationId: string): Promise<void> {
    await this.access.team(user, teamId, 'admin');
    if (!(await this.repo.deleteInvitation(teamId, invitationId))) {
      throw AppError.notFound(ErrorCode.INVITATION_NOT_FOUND, 'Invitation');
    }
  }

  /**
   * Joins the team of an invitation addressed to the caller's email. An invitation whose inviter
   * may no longer grant its role (removed, demoted) is void: deleted, and answered as unknown.
   */
  async accept(user: AuthUser, token: string): Promise<TeamResponseDto> {
    const found = await this.repo.findPendingInvitation(sha256(token));
    if (!found) throw AppError.notFound(ErrorCode.INVITATION_NOT_FOUND, 'Invitation');
    const { invitation, inviterRole } = found;
    if (!inviterRole || !mayGrant(inviterRole, invitation.role)) {
      await this.repo.deleteInvitation(invitation.teamId, invitation.id);
      throw AppError.notFound(ErrorCode.INVITATION_NOT_FOUND, 'Invitation');
    }
    const account = await this.auth.me(user);
    if (account.email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw new AppError(
        ErrorCode.INVITATION_EMAIL_MISMATCH,
        'This invitation was sent to another email address',
      );
    }
    if (await this.repo.findMember(invitation.teamId, user.id)) {
      throw new AppError(ErrorCode.ALREADY_MEMBER, 'You are already a member of this team');
    }
    // Checked again, under lock, in case the inviter is removed or demoted meanwhile.
    if (!(await this.repo.acceptInvitation(invitation, user.id))) {
      throw AppError.notFound(ErrorCode.INVITATION_NOT_FOUND, 'Invitation');
    }
    this.events.publish({ type: 'access.changed', teamId: invitation.teamId, userId: user.id });
    return this.get(user, invitation.teamId);
  }

  /**
   * Sign-up with an invitation token, inside the sign-up transaction (a throw rolls the new account
   * back): the same rules as accept, for a user who has no team yet.
   */
  private async redeemForNewUser(tx: Db, token: string, email: string, userId: string): Promise<Team> {
    const found = await this.repo.findPendingInvitation(sha256(token), tx);
    if (!found) throw AppError.notFound(ErrorCode.INVITATION_NOT_FOUND, 'Invitation');
    const { invitation } = found;
    if (email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw new AppError(
        ErrorCode.INVITATION_EMAIL_MISMATCH,
        'This invitation was sent to another email address',
      );
    }
    const team = await this.repo.findTeam(tx, invitation.teamId);
    if (!team || !(await this.repo.acceptInvitationIn(tx, invitation, userId))) {
      throw AppError.notFound(ErrorCode.INVITATION_NOT_FOUND, 'Invitation');
    }
    // No access.changed: a user created in this transaction has no sockets to re-scope.
    return team;
  }

  private assertChanged(result: MemberChange | 'last-owner' | 'changed' | undefined): MemberChange {
    if (result === 'last-owner') throw new AppError(ErrorCode.LAST_OWNER, 'A team needs at least one owner');
    // The permission check above was made against a role that has changed since: decide again.
    if (result === 'changed') {
      throw new AppError(ErrorCode.CONFLICT, "The member's role changed meanwhile; reload and try again");
    }
    if (!result) throw AppError.notFound(ErrorCode.MEMBER_NOT_FOUND, 'Member');
    return result;
  }
}
