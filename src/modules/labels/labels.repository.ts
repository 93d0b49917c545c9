import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/database.module';
import { conversationLabels, conversations, labels, type Label } from '../../db/schema';
import { writeWithOutbox } from '../../platform/outbox/outbox.sql';
import { byName, toLabelChip, type LabelChip } from './label.views';

export interface LabelSetChange {
  /** The conversation's labels after the write, by name. */
  labels: LabelChip[];
  changed: boolean;
  /** Requested ids that are not labels of the team (nothing was written then). */
  missing: string[];
}

@Injectable()
export class LabelsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** A team's labels by name, after `afterName`; limit + 1 rows (the extra one says more exist). */
  list(teamId: string, page: { afterName?: string; limit: number }): Promise<Label[]> {
    return this.db
      .select()
      .from(labels)
      .where(and(eq(labels.teamId, teamId), page.afterName ? gt(labels.name, page.afterName) : undefined))
      .orderBy(asc(labels.name))
      .limit(page.limit + 1);
  }

  async findById(id: string): Promise<Label | undefined> {
    const [row] = await this.db.select().from(labels).where(eq(labels.id, id));
    return row;
  }

  async create(input: { teamId: string; name: string; color: string }): Promise<Label> {
    const [row] = await this.db.insert(labels).values(input).returning();
    return row;
  }

  async update(id: string, changes: { name?: string; color?: string }): Promise<Label | undefined> {
    const [row] = await this.db.update(labels).set(changes).where(eq(labels.id, id)).returning();
    return row;
  }

  /**
   * Deletes a label; its conversations lose it by cascade, and each gets a `conversation.updated`
   * (`changes: ['labels']`) outbox row in the same transaction, so webhooks hear of it.
   */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [label] = await tx.select().from(labels).where(eq(labels.id, id)).for('update');
      if (!label) return false;
      const touched = tx
        .update(conversations)
        .set({ updatedAt: sql`now()` })
        .where(
          inArray(
            conversations.id,
            tx
              .select({ id: conversationLabels.conversationId })
              .from(conversationLabels)
              .where(eq(conversationLabels.labelId, id)),
          ),
        )
        .returning();
      await writeWithOutbox(tx as unknown as Db, touched, 'conversation.updated', labelsChanged(id));
      await tx.delete(labels).where(eq(labels.id, id));
      return true;
    });
  }

  /**
   * The labels of each conversation, in one query for a whole page (the primary key serves it).
   * Every requested id is in the map, with [] when it has none.
   */
  async chipsOf(conversationIds: string[], db: Db = this.db): Promise<Map<string, LabelChip[]>> {
    const chips = new Map<string, LabelChip[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return chips;
    const rows = await db
      .select({
        conversationId: conversationLabels.conversationId,
        id: labels.id,
        name: labels.name,
        color: labels.color,
      })
      .from(conversationLabels)
      .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
      .where(inArray(conversationLabels.conversationId, conversationIds))
      .orderBy(asc(labels.name));
    for (const r of rows) chips.get(r.conversationId)?.push(toLabelChip(r));
    return chips;
  }

  /**
   * Makes `labelIds` the conversation's set, inside the caller's transaction `tx` (which holds the
   * conversation row locked, so two concurrent sets are ordered). The labels are share-locked, so a
   * concurrent delete of one waits or has happened (and then it is missing).
   */
  async replaceSet(
    tx: Db,
    conversationId: string,
    teamId: string,
    labelIds: string[],
  ): Promise<LabelSetChange> {
    const wanted =
      labelIds.length === 0
        ? []
        : await tx
            .select()
            .from(labels)
            .where(and(eq(labels.teamId, teamId), inArray(labels.id, labelIds)))
            .for('share');
    const found = new Set(wanted.map((l) => l.id));
    const missing = labelIds.filter((id) => !found.has(id));
    const current = await tx
      .select({ labelId: conversationLabels.labelId })
      .from(conversationLabels)
      .where(eq(conversationLabels.conversationId, conversationId));
    const had = new Set(current.map((r) => r.labelId));
    const chips = wanted.map(toLabelChip).sort(byName);
    if (missing.length > 0) return { labels: chips, changed: false, missing };
    const removed = [...had].filter((id) => !found.has(id));
    const added = [...found].filter((id) => !had.has(id));
    if (removed.length > 0) {
      await tx
        .delete(conversationLabels)
        .where(
          and(
            eq(conversationLabels.conversationId, conversationId),
            inArray(conversationLabels.labelId, removed),
          ),
        );
    }
    if (added.length > 0) {
      await tx.insert(conversationLabels).values(added.map((labelId) => ({ conversationId, labelId })));
    }
    return { labels: chips, changed: removed.length + added.length > 0, missing };
  }
}

/**
 * The outbox payload for a conversation row `w` whose labels changed: the row, `changes`, and its
 * labels (as views, by name) as they are now, less `leaving` (a label deleted in this transaction).
 */
export const labelsChanged = (leaving?: string): SQL => sql`jsonb_build_object(
  'conversation', to_jsonb(w),
  'changes', '["labels"]'::jsonb,
  'labels', (select coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name, 'color', l.color)
      order by l.name), '[]'::jsonb)
    from conversation_labels cl join labels l on l.id = cl.label_id
    where cl.conversation_id = w.id${leaving ? sql` and l.id <> ${leaving}` : sql``}))`;
