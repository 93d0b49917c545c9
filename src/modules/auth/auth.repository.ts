import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/database';
import { DB } from '../../db/database.module';
import { isUniqueViolation } from '../../db/pg-errors';
import {
  refreshTokens,
  teamMembers,
  teams,
  users,
  type RefreshToken,
  type Team,
  type User,
} from '../../db/schema';

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

  async insertRefreshToken(input: {
    userId: string;
    familyId?: string;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<RefreshToken> {
    const [row] = await this.db
      .insert(refreshTokens)
      .values({ ...input, familyId: input.familyId ?? uuidv7() })
      .returning();
    return row;
  }

  /** Atomically marks a live token as rotated; returns undefined when it was not live. */
  async claimRefreshToken(tokenHash: string): Promise<RefreshToken | undefined> {
    const [row] = await this.db
      .update(refreshTokens)
      .set({ rotatedAt: new Date() })
      .where(
        and(
          eq(refreshTokens.tokenHash, tokenHash),
          isNull(refreshTokens.rotatedAt),
          isNull(refreshTokens.revokedAt),
          sql`${refreshTokens.expiresAt} > now()`,
        ),
      )
      .returning();
    return row;
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

  async isSessionActive(familyId: string): Promise<boolean> {
    const rows = await this.db
      .select({ one: sql`1` })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
      .limit(1);
    return rows.length > 0;
  }
}
