import { Inject, Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/database.module';
import { visitors, type Visitor } from '../../db/schema';

export interface VisitorProfile {
  name?: string;
  email?: string;
  externalId?: string;
  metadata?: Record<string, unknown>;
}

@Injectable()
export class VisitorsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async findInProject(visitorId: string, projectId: string): Promise<Visitor | undefined> {
    const [row] = await this.db
      .select()
      .from(visitors)
      .where(and(eq(visitors.id, visitorId), eq(visitors.projectId, projectId)));
    return row;
  }

  async create(projectId: string, profile: VisitorProfile, db: Db = this.db): Promise<Visitor> {
    const [row] = await db
      .insert(visitors)
      .values({ projectId, ...profile, metadata: profile.metadata ?? {}, verified: false })
      .returning();
    return row;
  }

  /** The one visitor behind a verified external id; concurrent first logins resolve to the same row. */
  async upsertVerified(
    projectId: string,
    externalId: string,
    profile: VisitorProfile,
    db: Db = this.db,
  ): Promise<Visitor> {
    const [row] = await db
      .insert(visitors)
      .values({ projectId, ...profile, externalId, metadata: profile.metadata ?? {}, verified: true })
      .onConflictDoUpdate({
        target: [visitors.projectId, visitors.externalId],
        targetWhere: sql`${visitors.verified} and ${visitors.externalId} is not null`,
        set: {
          lastSeenAt: sql`now()`,
          name: sql`coalesce(excluded.name, ${visitors.name})`,
          email: sql`coalesce(excluded.email, ${visitors.email})`,
          metadata: sql`${visitors.metadata} || excluded.metadata`,
        },
      })
      .returning();
    return row;
  }

  /** Updates the profile fields given (metadata is merged) and the last-seen time. */
  async updateProfile(visitorId: string, profile: Omit<VisitorProfile, 'externalId'>): Promise<Visitor> {
    const [row] = await this.db
      .update(visitors)
      .set({
        lastSeenAt: sql`now()`,
        ...(profile.name !== undefined ? { name: profile.name } : {}),
        ...(profile.email !== undefined ? { email: profile.email } : {}),
        ...(profile.metadata
          ? { metadata: sql`${visitors.metadata} || ${JSON.stringify(profile.metadata)}::jsonb` }
          : {}),
      })
      .where(eq(visitors.id, visitorId))
      .returning();
    return row;
  }
}
