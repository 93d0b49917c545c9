import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/database';
import { DB } from '../../db/database.module';
import { isUniqueViolation } from '../../db/pg-errors';
import {
  outbox,
  passwordResets,
  refreshTokens,
  teamMembers,
  teams,
  users,
  type RefreshToken,
  type Team,
  type NotificationPrefs,
  type User,
} from '../../db/schema';

/** Joins a just-created user (inside the sign-up transaction) to the team an invitation names. */
export type InvitationRedeemer = (tx: Db, token: string, email: string, userId: string) => Promise<Team>;

@Injectable()
export class AuthRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  findUserByEmail(email: string): Promise<User | undefined> {
    return this.db.query.users.findFirst({ where: sql`lower(${users.email}) = lower(${email})` });
  }

  findUserById(id: string): Promise<User | undefined> {
    return this.db.query.users.findFirst({ where: eq(users.id, id) });
  }

  /** Creates the user and a team they own, atomically; 'email-taken' when the email is registered meanwhile. */
  async createUserWithTeam(input: {
    email: string;
    name: string;
    passwordHash: string;
    teamName: string;
  }): Promise<{ user: User; team: Team } | 'email-taken'> {
    const created = this.db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash: input.passwordHash })
        .returning();
      const [team] = await tx.insert(teams).values({ name: input.teamName }).returning();
      await tx.insert(teamMembers).values({ teamId: team.id, userId: user.id, role: 'owner' });
      return { user, team };
    });
    return created.catch((err: unknown) => {
      if (isUniqueViolation(err, 'users_email_key')) return 'email-taken' as const;
      throw err;
    });
  }

  /**
   * Creates the user and redeems their invitation in one transaction: when `redeem` throws (an
   * unknown, expired or mismatched invitation) nothing is written.
   */
  async createUserJoining(
    input: { email: string; name: string; passwordHash: string },
    redeem: (tx: Db, userId: string) => Promise<Team>,
  ): Promise<{ user: User; team: Team } | 'email-taken'> {
    const created = this.db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values(input).returning();
      return { user, team: await redeem(tx, user.id) };
    });
    return created.catch((err: unknown) => {
      if (isUniqueViolation(err, 'users_email_key')) return 'email-taken' as const;
      throw err;
    });
  }

  async updateUser(
    id: string,
    change: { name?: string; notifications?: NotificationPrefs },
  ): Promise<User | undefined> {
    const [row] = await this.db
      .update(users)
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.notifications
          ? {
              notificationPrefs: sql`${users.notificationPrefs} || ${JSON.stringify(change.notifications)}::jsonb`,
            }
          : {}),
      })
      .where(eq(users.id, id))
      .returning();
    return row;
  }

  /**
   * A new reset token for the user (earlier unused ones stop working) and, in the same transaction,
   * the outbox row the notifications consumer mails it from (the only place the raw token is kept;
   * the row is deleted once handled).
   */
  async createPasswordReset(
    user: User,
    reset: { token: string; tokenHash: string; expiresAt: Date },
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .delete(passwordResets)
        .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
      await tx
        .insert(passwordResets)
        .values({ userId: user.id, tokenHash: reset.tokenHash, expiresAt: reset.expiresAt });
      await tx.insert(outbox).values({
        type: 'password_reset.requested',
        payload: {
          user: { id: user.id, email: user.email, name: user.name },
          token: reset.token,
          expiresAt: reset.expiresAt.toISOString(),
        },
      });
    });
  }

  /**
   * Uses a live reset token once: sets the password and revokes every session of the user, in one
   * transaction. Returns the revoked sessions, or undefined when the token is unknown, used or expired.
   */
  async resetPassword(
    tokenHash: string,
    passwordHash: string,
  ): Promise<{ sessionIds: string[] } | undefined> {
    return this.db.transaction(async (tx) => {
      const [reset] = await tx
        .update(passwordResets)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(passwordResets.tokenHash, tokenHash),
            isNull(passwordResets.usedAt),
            sql`${passwordResets.expiresAt} > now()`,
          ),
        )
        .returning({ userId: passwordResets.userId });
      if (!reset) return undefined;
      await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
      const revoked = await tx
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.userId, reset.userId), isNull(refreshTokens.revokedAt)))
        .returning({ familyId: refreshTokens.familyId });
      return { sessionIds: [...new Set(revoked.map((r) => r.familyId))] };
    });
  }

  /** Reset tokens used or expired a day ago or more. */
  async deleteStalePasswordResets(): Promise<void> {
    await this.db.delete(passwordResets).where(sql`${passwordResets.expiresAt} < now() - interval '1 day'`);
  }

  async insertRefreshToken(input: {
    userId: string;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<RefreshToken> {
    const [row] = await this.db
      .insert(refreshTokens)
      .values({ ...input, familyId: uuidv7() })
      .returning();
    return row;
  }

  /**
   * Rotates a live refresh token in one statement: marks it rotated and inserts its successor in
   * the same family, or does nothing when it is not live. A family with any revoked token is dead
   * for good (see activeSessions), so a rotation racing a revocation leaves no live successor.
   */
  async rotateRefreshToken(
    tokenHash: string,
    next: { tokenHash: string; expiresAt: Date },
  ): Promise<{ userId: string; familyId: string } | undefined> {
    const result = await this.db.execute(sql`
      with claimed as (
        update refresh_tokens t set rotated_at = now()
        where t.token_hash = ${tokenHash} and t.rotated_at is null and t.revoked_at is null
          and t.expires_at > now()
          and not exists (
            select 1 from refresh_tokens r where r.family_id = t.family_id and r.revoked_at is not null
          )
        returning t.user_id, t.family_id
      )
      insert into refresh_tokens (id, user_id, family_id, token_hash, expires_at)
      select ${uuidv7()}, user_id, family_id, ${next.tokenHash}, ${next.expiresAt.toISOString()} from claimed
      returning user_id, family_id`);
    const [row] = (result as unknown as { rows: { user_id: string; family_id: string }[] }).rows;
    return row && { userId: row.user_id, familyId: row.family_id };
  }

  findRefreshToken(tokenHash: string): Promise<RefreshToken | undefined> {
    return this.db.query.refreshTokens.findFirst({ where: eq(refreshTokens.tokenHash, tokenHash) });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  }

  /**
   * Deletes sessions whose every refresh token expired a day ago or more (whole families only, so a
   * revoked session never loses the rows that keep it revoked while any of its tokens could be used),
   * and the used-up tokens of live sessions once expired, so a long-lived session stays small.
   */
  async deleteExpiredSessions(): Promise<void> {
    await this.db.execute(sql`
      delete from refresh_tokens where family_id in (
        select family_id from refresh_tokens group by family_id
        having max(expires_at) < now() - interval '1 day')`);
    // In live sessions, used-up tokens past their own expiry: presenting one is refused either way.
    await this.db.execute(sql`
      delete from refresh_tokens
      where rotated_at is not null and revoked_at is null and expires_at < now() - interval '1 day'`);
  }

  /**
   * A session (token family) is active while it has tokens and none of them was ever revoked.
   * Two index probes per session, whatever the family's length (revoked rows have their own partial index).
   */
  async activeSessions(familyIds: string[]): Promise<Set<string>> {
    if (familyIds.length === 0) return new Set();
    const ids = sql.join(
      familyIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const result = await this.db.execute(sql`select f.id from unnest(array[${ids}]) as f(id)
      where exists (select 1 from refresh_tokens where family_id = f.id)
        and not exists (select 1 from refresh_tokens where family_id = f.id and revoked_at is not null)`);
    return new Set((result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id));
  }
}
