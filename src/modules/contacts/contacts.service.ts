import { Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { Envelope } from '../../platform/http/envelope';
import { decodeCursor, encodeCursor, type PageMeta } from '../../platform/http/pagination';
import { toIso } from '../../platform/dates';
import type { TeamRole, Visitor } from '../../db/schema';
import { AccessService } from '../access/access.service';
import { projectIdsOfUser } from '../access/access.repository';
import { activityPage, decodeActivityCursor } from '../conversations/activity-page';
import { toConversationView, type ConversationView } from '../conversations/conversation.views';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { ConversationsService, type ConversationUpdate } from '../conversations/conversations.service';
import { Transactions } from '../../db/transactions';
import { LabelsService } from '../labels/labels.service';
import { VisitorDirectoryRepository } from '../visitors/visitor-directory.repository';
import { toVisitorAdminView, type VisitorAdminView } from '../visitors/visitor.views';
import { VisitorsRepository } from '../visitors/visitors.repository';
import { ContactsRepository } from './contacts.repository';
import type {
  ListVisitorsQueryDto,
  UpdatedVisitorResponseDto,
  UpdateVisitorDto,
  VisitorConversationsQueryDto,
  VisitorExportResponseDto,
} from './contacts.dto';

const visitorCursor = z.object({ at: z.iso.datetime(), id: z.uuid() });

const visitorNotFound = () => AppError.notFound(ErrorCode.VISITOR_NOT_FOUND, 'Visitor');

/**
 * Contacts: agents find, edit, block and unblock visitors; admins erase them (right to erasure) and
 * export everything stored about them (portability). Erase and export are written to the audit log.
 */
@Injectable()
export class ContactsService {
  private readonly audit = new Logger('Audit');

  constructor(
    private readonly access: AccessService,
    private readonly visitors: VisitorsRepository,
    private readonly directory: VisitorDirectoryRepository,
    private readonly conversationsRepo: ConversationsRepository,
    private readonly conversations: ConversationsService,
    private readonly repo: ContactsRepository,
    private readonly labels: LabelsService,
    private readonly transactions: Transactions,
  ) {}

  /** The visitor if it belongs to one of the caller's projects (404 VISITOR_NOT_FOUND otherwise). */
  private async visitorFor(user: AuthUser, visitorId: string, minimum: TeamRole = 'agent'): Promise<Visitor> {
    const visitor = await this.visitors.findById(visitorId);
    if (!visitor) throw visitorNotFound();
    await this.access.project(user, visitor.projectId, minimum).catch((err: unknown) => {
      throw err instanceof AppError && err.code === ErrorCode.PROJECT_NOT_FOUND ? visitorNotFound() : err;
    });
    return visitor;
  }

  async list(
    user: AuthUser,
    projectId: string,
    q: ListVisitorsQueryDto,
  ): Promise<Envelope<VisitorAdminView[], PageMeta>> {
    await this.access.project(user, projectId);
    const rows = await this.directory.list(projectIdsOfUser(user.id, projectId), {
      q: q.q,
      cursor: q.cursor ? decodeCursor(q.cursor, visitorCursor) : undefined,
      limit: q.limit,
    });
    const hasMore = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const nextCursor = hasMore && last ? encodeCursor({ at: last.activityKey, id: last.visitor.id }) : null;
    return new Envelope(
      page.map((r) => toVisitorAdminView(r.visitor)),
      { nextCursor, hasMore },
    );
  }

  async get(user: AuthUser, visitorId: string): Promise<VisitorAdminView> {
    return toVisitorAdminView(await this.visitorFor(user, visitorId));
  }

  /** Edits the profile and/or blocks; with resolveOpen, resolves their unresolved conversations too. */
  async update(user: AuthUser, visitorId: string, dto: UpdateVisitorDto): Promise<UpdatedVisitorResponseDto> {
    const visitor = await this.visitorFor(user, visitorId);
    const { resolveOpen, ...changes } = dto;
    const { teamId } = await this.access.project(user, visitor.projectId);
    // The profile change and the resolves (each with its outbox row) commit together or not at all;
    // the live events go out after the commit.
    const result = await this.transactions.run(async (tx) => {
      const updated = await this.directory.update(visitorId, changes, tx);
      if (!updated) return undefined;
      const resolved: ConversationUpdate[] = [];
      if (resolveOpen) {
        for (const before of await this.repo.unresolvedConversationsForUpdate(tx, visitorId)) {
          // Through the conversations service: the same write and outbox row as a PATCH.
          const done = await this.conversations.resolveWithin(tx, user, teamId, before);
          if (done) resolved.push(done);
        }
      }
      return { updated, resolved };
    });
    if (!result) throw visitorNotFound();
    const views = await this.conversations.announceUpdates(result.resolved);
    return { ...toVisitorAdminView(result.updated), resolvedConversationIds: views.map((v) => v.id) };
  }

  async conversationsOf(
    user: AuthUser,
    visitorId: string,
    q: VisitorConversationsQueryDto,
  ): Promise<Envelope<ConversationView[], PageMeta>> {
    await this.visitorFor(user, visitorId);
    const rows = await this.conversationsRepo.listForVisitor(visitorId, {
      cursor: decodeActivityCursor(q.cursor),
      limit: q.limit,
    });
    const { page, meta } = activityPage(rows, q.limit);
    const labels = await this.labels.chipsOf(page.map((r) => r.conversation.id));
    return new Envelope(
      page.map((r) => toConversationView(r.conversation, labels.get(r.conversation.id) ?? [])),
      meta,
    );
  }

  /** Right to erasure (admins): the visitor, their conversations, messages and pending events. */
  async erase(user: AuthUser, visitorId: string): Promise<void> {
    const visitor = await this.visitorFor(user, visitorId, 'admin');
    const { erased, outboxRowsDropped } = await this.repo.erase(visitorId);
    if (!erased) throw visitorNotFound();
    this.audit.log(
      `visitor.erased visitor=${visitorId} project=${visitor.projectId} by user=${user.id} ` +
        `(pending events dropped: ${outboxRowsDropped})`,
    );
  }

  /** Portability (admins): everything stored about the visitor, as JSON. */
  async export(user: AuthUser, visitorId: string): Promise<VisitorExportResponseDto> {
    const visitor = await this.visitorFor(user, visitorId, 'admin');
    const conversations = await this.repo.exportConversations(visitorId);
    this.audit.log(`visitor.exported visitor=${visitorId} project=${visitor.projectId} by user=${user.id}`);
    return {
      visitor: toVisitorAdminView(visitor),
      emailOptOutAt: visitor.emailOptOutAt ? toIso(visitor.emailOptOutAt) : null,
      conversations: conversations.map(({ conversation: c, messages, attachments, rating }) => ({
        id: c.id,
        status: c.status,
        createdAt: toIso(c.createdAt),
        lastMessageAt: toIso(c.lastMessageAt),
        messages: messages.map((m) => ({ ...m, createdAt: toIso(m.createdAt) })),
        attachments: attachments.map((a) => ({
          id: a.id,
          messageId: a.messageId,
          sender: a.sender,
          name: a.name,
          size: a.size,
          contentType: a.contentType,
          width: a.width,
          height: a.height,
          createdAt: toIso(a.createdAt),
        })),
        rating: rating && {
          score: rating.score,
          comment: rating.comment,
          createdAt: toIso(rating.createdAt),
          updatedAt: toIso(rating.updatedAt),
        },
      })),
    };
  }
}
