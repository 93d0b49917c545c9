import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { TeamWithRole } from '../access/access.repository';
import { mayGrant } from '../access/roles';
import { unassignInTeam } from '../conversations/conversations.repository';
import { DB } from '../../db/database.module';
import {
  invitations,
  teamMembers,
  teamRole,
  teams,
  users,
  type Conversation,
  type Invitation,
  type Team,
  type TeamMember,
  type TeamRole,
} from '../../db/schema';

export interface MemberChange {
  member: TeamMember;
  /** Conversations the removed member was assigned to, now unassigned. */
  unassigned: Conversation[];
}

export interface PendingInvitation {
  invitation: Invitation;
  /** The inviter's role in the team now; null once they left it (or their account is gone). */
  inviterRole: TeamRole | null;
}

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
  joinedAt: Date;
}

/** Unused invitations of a team to an email address (case-insensitive). */
const pendingFor = (teamId: string, email: string) =>
  and(
    eq(invitations.teamId, teamId),
    sql`lower(${invitations.email}) = lower(${email})`,
    isNull(invitations.acceptedAt),
  );

/**
 * Deletes the pending invitations `userId` made in the team that `role` (their new role; none when
 * removed) may not grant: a member cannot keep, through an invitation, a right they no longer have.
 */
async function deleteUngrantableInvitations(tx: Db, teamId: string, userId: string, role?: TeamRole) {
  const ungrantable = teamRole.enumValues.filter((r) => !role || !mayGrant(role, r));
  if (ungrantable.length === 0) return;
  await tx
    .delete(invitations)
    .where(
      and(
        eq(invitations.teamId, teamId),
        eq(invitations.invitedById, userId),
        isNull(invitations.acceptedAt),
        inArray(invitations.role, ungrantable),
      ),
    );
}

/**
 * Whether the inviter is still a member who may grant `role`, with their membership row share-locked
 * until the transaction ends: a concurrent removal or demotion is ordered with the caller's write.
 */
async function inviterMayGrant(
  tx: Db,
  teamId: string,
  inviterId: string | null | undefined,
  role: TeamRole,
): Promise<boolean> {
  if (!inviterId) return false;
  const [inviter] = await tx
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, inviterId)))
    .for('share');
  return Boolean(inviter && mayGrant(inviter.role, role));
}

@Injectable()
export class TeamsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  listForUser(userId: string): Promise<TeamWithRole[]> {
    return this.db
      .select({ id: teams.id, name: teams.name, createdAt: teams.createdAt, role: teamMembers.role })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teamMembers.userId, userId))
      .orderBy(asc(teams.createdAt));
  }

  async create(name: string, ownerId: string): Promise<Team> {
    return this.db.transaction(async (tx) => {
      const [team] = await tx.insert(teams).values({ name }).returning();
      await tx.insert(teamMembers).values({ teamId: team.id, userId: ownerId, role: 'owner' });
      return team;
    });
  }

  async rename(teamId: string, name: string): Promise<Team> {
    const [team] = await this.db.update(teams).set({ name }).where(eq(teams.id, teamId)).returning();
    return team;
  }

  /** All members of a team, or just one when userId is given. */
  listMembers(teamId: string, userId?: string): Promise<MemberRow[]> {
    return this.db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: teamMembers.role,
        joinedAt: teamMembers.createdAt,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(eq(teamMembers.teamId, teamId), userId ? eq(teamMembers.userId, userId) : undefined))
      .orderBy(asc(teamMembers.createdAt));
  }

  async findMember(teamId: string, userId: string): Promise<TeamMember | undefined> {
    const [row] = await this.db
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
    return row;
  }

  async hasMemberWithEmail(teamId: string, email: string): Promise<boolean> {
    const rows = await this.db
      .select({ one: sql`1` })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(eq(teamMembers.teamId, teamId), sql`lower(${users.email}) = lower(${email})`))
      .limit(1);
    return rows.length > 0;
  }

  /**
   * Changes or removes a membership unless that would leave the team without an owner.
   * The owner rows are locked so two concurrent demotions cannot both pass the check.
   * A removed member's conversations in the team's projects become unassigned, and their pending
   * invitations the new role may not grant are deleted with the change. `expectedRole` is the
   * role the caller's permission check saw: if it changed meanwhile nothing is written ('changed').
   */
  async changeMember(
    teamId: string,
    userId: string,
    change: { role: TeamRole } | 'remove',
    expectedRole: TeamRole,
  ): Promise<MemberChange | 'last-owner' | 'changed' | undefined> {
    return this.db.transaction(async (tx) => {
      const owners = await tx
        .select({ userId: teamMembers.userId })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.role, 'owner')))
        .for('update');
      const isOwner = owners.some((o) => o.userId === userId);
      const staysOwner = change !== 'remove' && change.role === 'owner';
      if (isOwner && !staysOwner && owners.length === 1) return 'last-owner';
      const where = and(
        eq(teamMembers.teamId, teamId),
        eq(teamMembers.userId, userId),
        eq(teamMembers.role, expectedRole),
      );
      const [member] =
        change === 'remove'
          ? await tx.delete(teamMembers).where(where).returning()
          : await tx.update(teamMembers).set({ role: change.role }).where(where).returning();
      if (!member) {
        const [still] = await tx
          .select({ role: teamMembers.role })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
        return still ? 'changed' : undefined;
      }
      await deleteUngrantableInvitations(tx, teamId, userId, change === 'remove' ? undefined : change.role);
      if (change !== 'remove') return { member, unassigned: [] };
      return { member, unassigned: await unassignInTeam(tx, teamId, userId) };
    });
  }

  /**
   * A new invitation replaces any pending one for the same email in the team (its token stops
   * working). Invitations to one address are made one at a time (a transaction-scoped advisory lock),
   * so concurrent ones replace each other instead of colliding on the unique index.
   */
  async createInvitation(
    values: typeof invitations.$inferInsert,
    token: string,
  ): Promise<Invitation | undefined> {
    return this.db.transaction(async (tx) => {
      // The inviter may still grant the role when this commits: a removal or demotion racing this
      // invitation waits for it (and then deletes it), or has already happened (and nothing is written).
      if (!(await inviterMayGrant(tx, values.teamId, values.invitedById, values.role ?? 'agent')))
        return undefined;
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${values.teamId} || lower(${values.email}), 0))`,
      );
      await tx.delete(invitations).where(pendingFor(values.teamId, values.email));
      const [row] = await tx.insert(invitations).values(values).returning();
      // The invitation mail (modules/notifications) is sent from this row; it holds the raw token
      // until the dispatcher deletes it, once handled.
      await tx.execute(sql`insert into outbox (type, payload) select 'invitation.created', jsonb_build_object(
          'invitation', jsonb_build_object('id', i.id, 'team_id', i.team_id, 'email', i.email, 'role', i.role,
            'expires_at', i.expires_at),
          'token', ${token}::text, 'teamName', t.name, 'inviterName', u.name)
        from invitations i join teams t on t.id = i.team_id left join users u on u.id = i.invited_by_id
        where i.id = ${row.id}`);
      return row;
    });
  }

  listPendingInvitations(teamId: string): Promise<Invitation[]> {
    return this.db
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.teamId, teamId),
          isNull(invitations.acceptedAt),
          sql`${invitations.expiresAt} > now()`,
        ),
      )
      .orderBy(asc(invitations.createdAt));
  }

  async deleteInvitation(teamId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(invitations)
      .where(and(eq(invitations.teamId, teamId), eq(invitations.id, id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    return rows.length > 0;
  }

  /** A usable invitation by its token, with its inviter's current role in the team. */
  async findPendingInvitation(tokenHash: string, db: Db = this.db): Promise<PendingInvitation | undefined> {
    const [row] = await db
      .select({ invitation: invitations, inviterRole: teamMembers.role })
      .from(invitations)
      .leftJoin(
        teamMembers,
        and(eq(teamMembers.teamId, invitations.teamId), eq(teamMembers.userId, invitations.invitedById)),
      )
      .where(
        and(
          eq(invitations.tokenHash, tokenHash),
          isNull(invitations.acceptedAt),
          sql`${invitations.expiresAt} > now()`,
        ),
      );
    return row;
  }

  /** Deletes invitations that expired unused (they can no longer be accepted or listed). */
  async deleteExpiredInvitations(): Promise<void> {
    await this.db
      .delete(invitations)
      .where(and(isNull(invitations.acceptedAt), sql`${invitations.expiresAt} < now()`));
  }

  /**
   * Marks the invitation used and adds the member in one transaction; false if it was used meanwhile,
   * or if its inviter may no longer grant its role (then it is deleted). The inviter's membership row
   * is share-locked: a concurrent removal or demotion waits for this accept, or this accept sees it.
   */
  async acceptInvitation(invitation: Invitation, userId: string): Promise<boolean> {
    return this.db.transaction((tx) => this.acceptInvitationIn(tx, invitation, userId));
  }

  /** acceptInvitation inside the caller's transaction (sign-up with an invitation token). */
  async acceptInvitationIn(tx: Db, invitation: Invitation, userId: string): Promise<boolean> {
    if (!(await inviterMayGrant(tx, invitation.teamId, invitation.invitedById, invitation.role))) {
      await tx
        .delete(invitations)
        .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)));
      return false;
    }
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) return false;
    await tx
      .insert(teamMembers)
      .values({ teamId: invitation.teamId, userId, role: invitation.role })
      .onConflictDoNothing();
    // Other invitations to the same address are moot now.
    await tx.delete(invitations).where(pendingFor(invitation.teamId, invitation.email));
    return true;
  }

  async findTeam(tx: Db, teamId: string): Promise<Team | undefined> {
    const [team] = await tx.select().from(teams).where(eq(teams.id, teamId));
    return team;
  }
}
