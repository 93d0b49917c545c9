import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import type { Project, TeamRole } from '../../db/schema';
import {
  AccessRepository,
  type AgentScope,
  type ConversationAccess,
  type TeamWithRole,
} from './access.repository';
import { assertRole } from './roles';

/**
 * "May this user act on this team / project / conversation, with at least this role?" A resource
 * outside the caller's teams does not exist for them (404 with the resource's own code); a role
 * too low is 403 INSUFFICIENT_ROLE. Every feature that checks membership asks here.
 */
/** Keeps each query's IN list well under PostgreSQL's bind-parameter limit. */
const SCOPES_PER_QUERY = 1000;

@Injectable()
export class AccessService {
  constructor(private readonly repo: AccessRepository) {}

  async team(user: AuthUser, teamId: string, minimum: TeamRole = 'agent'): Promise<TeamWithRole> {
    const team = await this.repo.team(teamId, user.id);
    if (!team) throw AppError.notFound(ErrorCode.TEAM_NOT_FOUND, 'Team');
    assertRole(team.role, minimum);
    return team;
  }

  /**
   * team() for a resource that belongs to `teamId` (a label, a canned response): outside the
   * caller's teams the resource does not exist for them, so the 404 is the resource's own.
   */
  async teamOf(
    user: AuthUser,
    teamId: string,
    notFound: () => AppError,
    minimum: TeamRole = 'agent',
  ): Promise<TeamWithRole> {
    const team = await this.repo.team(teamId, user.id);
    if (!team) throw notFound();
    assertRole(team.role, minimum);
    return team;
  }

  async project(user: AuthUser, projectId: string, minimum: TeamRole = 'agent'): Promise<Project> {
    const found = await this.repo.project(projectId, user.id);
    if (!found) throw AppError.notFound(ErrorCode.PROJECT_NOT_FOUND, 'Project');
    assertRole(found.role, minimum);
    return found.project;
  }

  async conversation(
    user: AuthUser,
    conversationId: string,
    minimum: TeamRole = 'agent',
  ): Promise<ConversationAccess> {
    const found = await this.repo.conversation(conversationId, user.id);
    if (!found) throw AppError.notFound(ErrorCode.CONVERSATION_NOT_FOUND, 'Conversation');
    assertRole(found.role, minimum);
    return found;
  }

  /** Whether `userId` (not necessarily the caller) is a member of the team, e.g. a new assignee. */
  isMember(teamId: string, userId: string): Promise<boolean> {
    return this.repo.isMember(teamId, userId);
  }

  /** The members of a project's team with their roles (none for an unknown project): mail recipients. */
  projectMembers(projectId: string): Promise<{ userId: string; role: TeamRole }[]> {
    return this.repo.projectMembers(projectId);
  }

  /** The teams and projects an agent's sockets follow. */
  async scope(user: AuthUser): Promise<AgentScope> {
    return (await this.repo.scopes([user.id])).get(user.id)!;
  }

  /** scope() for many users, a query per SCOPES_PER_QUERY of them (re-scoping a node's sockets). */
  async scopes(userIds: string[]): Promise<Map<string, AgentScope>> {
    const scopes = new Map<string, AgentScope>();
    for (let i = 0; i < userIds.length; i += SCOPES_PER_QUERY) {
      for (const [id, scope] of await this.repo.scopes(userIds.slice(i, i + SCOPES_PER_QUERY))) {
        scopes.set(id, scope);
      }
    }
    return scopes;
  }
}
