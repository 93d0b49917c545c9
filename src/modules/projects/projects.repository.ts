import { Inject, Injectable } from '@nestjs/common';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/database.module';
import { projects, type Project } from '../../db/schema';
import { teamIdsOfUser } from '../access/access.repository';

export type ProjectChanges = Partial<
  Pick<Project, 'name' | 'allowedOrigins' | 'requireIdentityVerification' | 'publicKey' | 'secret'>
> & {
  /** Merged into the stored settings in SQL, so concurrent patches of different keys both stick. */
  settingsPatch?: Partial<Project['settings']>;
};

@Injectable()
export class ProjectsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async create(values: typeof projects.$inferInsert): Promise<Project> {
    const [row] = await this.db.insert(projects).values(values).returning();
    return row;
  }

  /** Projects of every team the user belongs to (optionally one team). */
  async listForUser(userId: string, teamId?: string): Promise<Project[]> {
    return this.db
      .select()
      .from(projects)
      .where(inArray(projects.teamId, teamIdsOfUser(this.db, userId, teamId)))
      .orderBy(asc(projects.createdAt));
  }

  findById(projectId: string): Promise<Project | undefined> {
    return this.db.query.projects.findFirst({ where: eq(projects.id, projectId) });
  }

  findByPublicKey(publicKey: string): Promise<Project | undefined> {
    return this.db.query.projects.findFirst({ where: eq(projects.publicKey, publicKey) });
  }

  async update(
    projectId: string,
    { settingsPatch, ...changes }: ProjectChanges,
  ): Promise<Project | undefined> {
    const settings = settingsPatch && sql`${projects.settings} || ${JSON.stringify(settingsPatch)}::jsonb`;
    const [row] = await this.db
      .update(projects)
      .set({ ...changes, ...(settings && { settings }), updatedAt: sql`now()` })
      .where(eq(projects.id, projectId))
      .returning();
    return row;
  }

  async delete(projectId: string): Promise<void> {
    await this.db.delete(projects).where(eq(projects.id, projectId));
  }
}
