import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/tokens';
import {
  conversations,
  projects,
  teamMembers,
  teams,
  type Conversation,
  type Project,
  type Team,
  type TeamRole,
} from '../../db/schema';

export interface TeamWithRole extends Team {
  role: TeamRole;
}

export interface ProjectAccess {
  project: Project;
  role: TeamRole;
}

export interface ConversationAccess {
  conversation: Conversation;
  teamId: string;
  role: TeamRole;
}

/** What an agent's sockets follow: the teams they are in and those teams' projects. */
export interface AgentScope {
  teamIds: string[];
  projectIds: string[];
  /** projectId → its team, to drop a team's projects at once when the agent leaves it. */
  teamOf: Record<string, string>;
}

const membership = (userId: string) =>
  and(eq(teamMembers.teamId, projects.teamId), eq(teamMembers.userId, userId));

/** The ids of the teams `userId` belongs to (optionally only `teamId`), as a subquery. */
export function teamIdsOfUser(db: Db, userId: string, teamId?: string) {
  return db
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, userId), teamId ? eq(teamMembers.teamId, teamId) : undefined));
}

/**
 * The projects `userId` may see (optionally only `projectId`), as a subquery with an `id` column,
 * for lists that must be scoped in SQL (the inbox reads each project's newest conversations).
 */
export function projectIdsOfUser(userId: string, projectId?: string): SQL {
  return sql`select p.id from projects p
    join team_members tm on tm.team_id = p.team_id and tm.user_id = ${userId}
    ${projectId ? sql`where p.id = ${projectId}` : sql``}`;
}

/**
 * True while `userId` is a member of `teamId`, with the membership row share-locked until the
 * statement's transaction ends: a write conditioned on it and a concurrent removal are ordered.
 */
export function memberHeldForShare(teamId: string, userId: string): SQL {
  return sql`exists (select 1 from team_members tm
    where tm.team_id = ${teamId} and tm.user_id = ${userId} for share)`;
}

/**
 * The one place that reads team membership to decide access: every feature asks through
 * AccessService, which asks here. Each lookup is one query joining the resource to the caller's
 * membership of its team, so "not yours" and "does not exist" look the same.
 */
@Injectable()
export class AccessRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async team(teamId: string, userId: string): Promise<TeamWithRole | undefined> {
    const [row] = await this.db
      .select({ id: teams.id, name: teams.name, createdAt: teams.createdAt, role: teamMembers.role })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
    return row;
  }

  async project(projectId: string, userId: string): Promise<ProjectAccess | undefined> {
    const [row] = await this.db
      .select({ project: projects, role: teamMembers.role })
      .from(projects)
      .innerJoin(teamMembers, membership(userId))
      .where(eq(projects.id, projectId));
    return row;
  }

  async conversation(conversationId: string, userId: string): Promise<ConversationAccess | undefined> {
    const [row] = await this.db
      .select({ conversation: conversations, teamId: projects.teamId, role: teamMembers.role })
      .from(conversations)
      .innerJoin(projects, eq(projects.id, conversations.projectId))
      .innerJoin(teamMembers, membership(userId))
      .where(eq(conversations.id, conversationId));
    return row;
  }

  async isMember(teamId: string, userId: string): Promise<boolean> {
    const n = await this.db.$count(
      teamMembers,
      and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)),
    );
    return n > 0;
  }

  /** Each user's teams and their projects, in one query (users in no team get an empty scope). */
  async scopes(userIds: string[]): Promise<Map<string, AgentScope>> {
    const scopes = new Map(
      userIds.map((id): [string, AgentScope] => [id, { teamIds: [], projectIds: [], teamOf: {} }]),
    );
    if (userIds.length === 0) return scopes;
    const rows = await this.db
      .select({ userId: teamMembers.userId, teamId: teamMembers.teamId, projectId: projects.id })
      .from(teamMembers)
      .leftJoin(projects, eq(projects.teamId, teamMembers.teamId))
      .where(inArray(teamMembers.userId, userIds))
      .orderBy(teamMembers.createdAt, projects.createdAt);
    for (const r of rows) {
      const scope = scopes.get(r.userId)!;
      if (!scope.teamIds.includes(r.teamId)) scope.teamIds.push(r.teamId);
      if (r.projectId) {
        scope.projectIds.push(r.projectId);
        scope.teamOf[r.projectId] = r.teamId;
      }
    }
    return scopes;
  }

  /** Everyone in the team that owns a project, with their role (who to notify about it). */
  projectMembers(projectId: string): Promise<{ userId: string; role: TeamRole }[]> {
    return this.db
      .select({ userId: teamMembers.userId, role: teamMembers.role })
      .from(projects)
      .innerJoin(teamMembers, eq(teamMembers.teamId, projects.teamId))
      .where(eq(projects.id, projectId));
  }
}
