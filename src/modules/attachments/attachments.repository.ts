import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/tokens';
import {
  attachments,
  conversations,
  messages,
  storageDeletions,
  visitors,
  type Attachment,
} from '../../db/schema';

export type NewAttachment = Omit<Attachment, 'id' | 'createdAt' | 'messageId'> & { id: string };

export type AttachedFile = Pick<
  Attachment,
  'id' | 'messageId' | 'name' | 'size' | 'contentType' | 'width' | 'height'
>;

/** An attachment with what deciding who may download it needs. */
export interface AttachmentWithOwner extends Attachment {
  visitorId: string;
  /** Whether the message it is attached to is an internal note (false while unattached). */
  private: boolean;
}

@Injectable()
export class AttachmentsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** The visitor's own conversation (its project, whether the visitor is blocked), or undefined. */
  async visitorConversation(
    conversationId: string,
    visitorId: string,
  ): Promise<{ projectId: string; visitorBlocked: boolean } | undefined> {
    const [row] = await this.db
      .select({
        projectId: conversations.projectId,
        visitorBlocked: sql<boolean>`${visitors.blockedAt} is not null`,
      })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(and(eq(conversations.id, conversationId), eq(conversations.visitorId, visitorId)));
    return row;
  }

  async insert(row: NewAttachment): Promise<Attachment> {
    const [created] = await this.db.insert(attachments).values(row).returning();
    return created;
  }

  async findWithOwner(id: string): Promise<AttachmentWithOwner | undefined> {
    const [row] = await this.db
      .select({
        attachment: attachments,
        visitorId: conversations.visitorId,
        private: sql<boolean>`coalesce(${messages.private}, false)`,
      })
      .from(attachments)
      .innerJoin(conversations, eq(conversations.id, attachments.conversationId))
      .leftJoin(messages, eq(messages.id, attachments.messageId))
      .where(eq(attachments.id, id));
    return row && { ...row.attachment, visitorId: row.visitorId, private: Boolean(row.private) };
  }

  /** The attachments of these messages (what their views show), in upload order. */
  byMessageIds(messageIds: string[], db: Db = this.db): Promise<AttachedFile[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return db
      .select({
        id: attachments.id,
        messageId: attachments.messageId,
        name: attachments.name,
        size: attachments.size,
        contentType: attachments.contentType,
        width: attachments.width,
        height: attachments.height,
      })
      .from(attachments)
      .where(inArray(attachments.messageId, messageIds))
      .orderBy(attachments.id);
  }

  /** Deletes uploads never attached that are older than `before` (their keys are queued by trigger). */
  async sweepUnattached(before: Date, limit = 500): Promise<number> {
    const stale = this.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(isNull(attachments.messageId), lt(attachments.createdAt, before)))
      .limit(limit);
    const deleted = await this.db
      .delete(attachments)
      .where(inArray(attachments.id, stale))
      .returning({ id: attachments.id });
    return deleted.length;
  }

  /** The oldest queued storage deletions. */
  pendingDeletions(limit: number): Promise<{ id: number; storageKey: string }[]> {
    return this.db
      .select({ id: storageDeletions.id, storageKey: storageDeletions.storageKey })
      .from(storageDeletions)
      .orderBy(storageDeletions.id)
      .limit(limit);
  }

  async forgetDeletions(ids: number[]): Promise<void> {
    if (ids.length > 0) await this.db.delete(storageDeletions).where(inArray(storageDeletions.id, ids));
  }
}
