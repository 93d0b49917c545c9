import { Inject, Injectable } from '@nestjs/common';
import { and, eq, getTableColumns, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/database.module';
import { visitors, type Visitor } from '../../db/schema';
import { writeWithOutbox } from '../../platform/outbox/outbox.sql';
import { visitorFromRow } from './visitor.views';

const snapshot = sql`jsonb_build_object('visitor', to_jsonb(w))`;

/** Whether a profile update carries anything (a last-seen bump alone is no visitor.updated). */
const profileGiven = (p: Omit<VisitorProfile, 'externalId'>): boolean =>
  p.name !== undefined || p.email !== undefined || Object.keys(p.metadata ?? {}).length > 0;

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

  /** Off the hot send path: read when a write matched nothing ("blocked" or "no such visitor"?), or before a rare write. */
  async isBlocked(visitorId: string): Promise<boolean> {
    return (
      (await this.db.$count(visitors, and(eq(visitors.id, visitorId), isNotNull(visitors.blockedAt)))) > 0
    );
  }

  async create(projectId: string, profile: VisitorProfile, db: Db = this.db): Promise<Visitor> {
    const insert = db
      .insert(visitors)
      .values({ projectId, ...profile, metadata: profile.metadata ?? {}, verified: false })
      .returning();
    const [row] = await writeWithOutbox(db, insert, 'visitor.created', snapshot);
    return visitorFromRow(row);
  }

  /**
   * The one visitor behind a verified external id; concurrent first logins resolve to the same row.
   * Undefined (nothing written) when that visitor is blocked.
   */
  async upsertVerified(
    projectId: string,
    externalId: string,
    profile: VisitorProfile,
    db: Db = this.db,
  ): Promise<Visitor | undefined> {
    const upsert = db
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
        setWhere: isNull(visitors.blockedAt),
      })
      .returning({ ...getTableColumns(visitors), inserted: sql<boolean>`(xmax = 0)`.as('inserted') });
    const type = sql`case when w.inserted then 'visitor.created' else 'visitor.updated' end`;
    // A returning visitor is an event only when the site sent something about them.
    const changed = sql`w.inserted or ${profileGiven(profile)}`;
    const [row] = await writeWithOutbox(
      db,
      upsert,
      type,
      sql`jsonb_build_object('visitor', to_jsonb(w) - 'inserted')`,
      changed,
    );
    return row && visitorFromRow(row);
  }

  /**
   * Updates the profile fields given (metadata is merged) and the last-seen time; undefined if no
   * such visitor, or it is blocked (nothing is written then). Only a profile change is an event (visitor.updated); a last-seen bump is not.
   */
  async updateProfile(
    visitorId: string,
    projectId: string,
    profile: Omit<VisitorProfile, 'externalId'>,
  ): Promise<Visitor | undefined> {
    const update = this.db
      .update(visitors)
      .set({
        lastSeenAt: sql`now()`,
        ...(profile.name !== undefined ? { name: profile.name } : {}),
        ...(profile.email !== undefined ? { email: profile.email } : {}),
        ...(profile.metadata
          ? { metadata: mergedMetadata(sql`${JSON.stringify(profile.metadata)}::jsonb`) }
          : {}),
      })
      .where(and(eq(visitors.id, visitorId), eq(visitors.projectId, projectId), isNull(visitors.blockedAt)))
      .returning();
    if (!profileGiven(profile)) return (await update)[0];
    const [row] = await writeWithOutbox(this.db, update, 'visitor.updated', snapshot);
    return row && visitorFromRow(row);
  }
}
