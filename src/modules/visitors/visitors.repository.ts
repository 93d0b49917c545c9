import { Inject, Injectable } from '@nestjs/common';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/database.module';
import { visitors, type Visitor } from '../../db/schema';

export interface VisitorProfile {
  name?: string;
  email?: string;
  externalId?: string;
  metadata?: Record<string, unknown>;
}

/** Visitor metadata keys kept at most (a request carries at most as many, see visitorProfileSchema). */
const MAX_METADATA_KEYS = 50;

/**
 * New metadata merges into the stored keys; when the union would pass MAX_METADATA_KEYS the new set
 * replaces the old, so a visitor's metadata stays bounded however often a site sends new keys.
 */
const mergedMetadata = (incoming: SQL) => sql`case
  when (select count(*) from jsonb_object_keys(${visitors.metadata} || ${incoming})) > ${MAX_METADATA_KEYS}
  then ${incoming} else ${visitors.metadata} || ${incoming} end`;

@Injectable()
export class VisitorsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async findById(visitorId: string): Promise<Visitor | undefined> {
    const [row] = await this.db.select().from(visitors).where(eq(visitors.id, visitorId));
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
          metadata: mergedMetadata(sql`excluded.metadata`),
        },
      })
      .returning();
    return row;
  }

  /** Updates the profile fields given (metadata is merged) and the last-seen time; undefined if no such visitor. */
  async updateProfile(
    visitorId: string,
    projectId: string,
    profile: Omit<VisitorProfile, 'externalId'>,
  ): Promise<Visitor | undefined> {
    const [row] = await this.db
      .update(visitors)
      .set({
        lastSeenAt: sql`now()`,
        ...(profile.name !== undefined ? { name: profile.name } : {}),
        ...(profile.email !== undefined ? { email: profile.email } : {}),
        ...(profile.metadata
          ? { metadata: mergedMetadata(sql`${JSON.stringify(profile.metadata)}::jsonb`) }
          : {}),
      })
      .where(and(eq(visitors.id, visitorId), eq(visitors.projectId, projectId)))
      .returning();
    return row;
  }
}
