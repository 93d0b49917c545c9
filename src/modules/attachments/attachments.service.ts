import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import type { Readable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import type { Attachment, MessageSender, Project } from '../../db/schema';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { RateLimiter } from '../../platform/rate-limit';
import {
  OBJECT_STORAGE,
  type DownloadHeaders,
  type ObjectStorage,
} from '../../platform/storage/object-storage';
import { AccessService } from '../access/access.service';
import { ProjectsService } from '../projects/projects.service';
import { visitorBlocked } from '../visitors/visitor-blocked';
import { AttachmentLinks } from './attachment-links';
import {
  contentDisposition,
  isInlineImage,
  limitsFor,
  sanitizeFilename,
  servedContentType,
  type AttachmentLimits,
} from './attachment-policy';
import { toAttachmentView, type AttachmentView } from './attachment.views';
import { AttachmentsRepository, type AttachmentWithOwner } from './attachments.repository';
import {
  countedBody,
  dimensionsOf,
  MalformedUpload,
  readHead,
  sniffType,
  UploadTooLarge,
} from './upload-stream';

/** Who is uploading or downloading: a visitor of a project, or an agent. */
export type Actor =
  { kind: 'visitor'; visitorId: string; project: Project } | { kind: 'agent'; user: AuthUser };

/** What a download sends: the bytes (or where to get them) and the headers that keep them inert. */
export interface Download {
  stream: () => Promise<Readable>;
  headers: Record<string, string>;
}

const LINK_TTL_S = 15 * 60;

const notFound = () => AppError.notFound(ErrorCode.ATTACHMENT_NOT_FOUND, 'Attachment');

@Injectable()
export class AttachmentsService implements OnModuleInit {
  private readonly logger = new Logger(AttachmentsService.name);
  private readonly links: AttachmentLinks;

  constructor(
    private readonly repo: AttachmentsRepository,
    private readonly access: AccessService,
    private readonly projects: ProjectsService,
    private readonly limiter: RateLimiter,
    private readonly jobs: JobRunner,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.links = new AttachmentLinks(config.JWT_SECRET);
  }

  onModuleInit(): void {
    this.jobs.register({
      name: 'attachments.sweep-unattached',
      everyMs: 10 * 60_000,
      scope: 'cluster',
      run: () => this.sweepUnattached(),
    });
    // Files of deleted rows (a project or visitor deleted, a sweep) go within a minute.
    this.jobs.register({
      name: 'attachments.storage-deletions',
      everyMs: 60_000,
      scope: 'cluster',
      run: () => this.drainDeletions(),
    });
  }

  /**
   * Stores one uploaded file for a conversation of the actor: the conversation is checked and the
   * limits chosen before a byte is read; the type is sniffed from the first bytes; the rest is
   * streamed to storage, counted, and cut off past the limit (413, the partial object deleted).
   */
  async upload(
    actor: Actor,
    conversationId: string,
    readFile: (limits: AttachmentLimits) => Promise<MultipartFile | undefined>,
  ): Promise<AttachmentView> {
    const { project, sender, authorId } = await this.uploadTarget(actor, conversationId);
    const limits = limitsFor(project, this.config);
    const file = await readFile(limits).catch(malformed);
    if (!file)
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'A file is required', [
        { path: 'file', message: 'is required' },
      ]);
    const head = await readHead(file.file).catch(malformed);
    const contentType = await sniffType(head, file.mimetype);
    if (!contentType || !limits.allowedTypes.includes(contentType)) {
      file.file.resume(); // drain the rest (busboy discards it) so the answer reaches the client
      throw new AppError(
        ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED,
        `This type of file is not accepted${contentType ? ` (${contentType})` : ''}`,
      );
    }
    if (head.length === 0) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'The file is empty', [
        { path: 'file', message: 'is empty' },
      ]);
    }
    const id = uuidv7();
    const storageKey = `${project.id}/${id}`;
    const { body, counted } = countedBody(head, file.file, limits.maxBytes);
    try {
      await this.storage.put(storageKey, body, contentType);
      if (file.file.truncated) throw new UploadTooLarge();
    } catch (err) {
      await this.storage.delete(storageKey).catch(() => undefined);
      file.file.resume();
      if (err instanceof MalformedUpload) malformed(err);
      if (err instanceof UploadTooLarge || file.file.truncated) {
        throw new AppError(
          ErrorCode.ATTACHMENT_TOO_LARGE,
          `The file is larger than this project accepts (${limits.maxBytes} bytes)`,
        );
      }
      throw err;
    }
    const row = await this.repo
      .insert({
        id,
        projectId: project.id,
        conversationId,
        sender,
        authorId,
        storageKey,
        name: sanitizeFilename(file.filename),
        size: counted.bytes,
        contentType,
        ...dimensions(head, contentType),
      })
      .catch(async (err: unknown) => {
        await this.storage.delete(storageKey).catch(() => undefined);
        throw err;
      });
    return toAttachmentView(row);
  }

  /** The bytes and headers of an attachment the actor may see (404 otherwise). */
  async download(actor: Actor, id: string): Promise<Download> {
    return this.downloadOf(await this.visible(actor, id));
  }

  /** A short-lived URL for `<img src>` and links: presigned by S3, or a path on this server, signed. */
  async link(actor: Actor, id: string): Promise<{ url: string; expiresAt: string }> {
    const attachment = await this.visible(actor, id);
    const expires = Math.floor(Date.now() / 1000) + LINK_TTL_S;
    const presigned = await this.storage.presignedUrl(
      attachment.storageKey,
      downloadHeaders(attachment),
      LINK_TTL_S,
    );
    const url = presigned ?? `/api/v1/attachments/${id}/content?${this.links.query(id, expires)}`;
    return { url, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** A download through a signed link (404 for a wrong or expired signature, like an unknown id). */
  async signedDownload(id: string, expires: number, signature: string): Promise<Download> {
    if (!this.links.verify(id, expires, signature)) throw notFound();
    const attachment = await this.repo.findWithOwner(id);
    if (!attachment) throw notFound();
    return this.downloadOf(attachment);
  }

  private downloadOf(attachment: Attachment): Download {
    return {
      stream: () => this.storage.get(attachment.storageKey),
      headers: {
        ...headersOf(attachment),
        'content-length': String(attachment.size),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "sandbox; default-src 'none'",
        'cache-control': 'private, max-age=300',
      },
    };
  }

  /**
   * The attachment if the actor may see it: agents of the conversation's team; its visitor for
   * their own uploads and for files on messages they can see (not internal notes, not an agent's
   * upload before it is sent).
   */
  private async visible(actor: Actor, id: string): Promise<AttachmentWithOwner> {
    const attachment = await this.repo.findWithOwner(id);
    if (!attachment) throw notFound();
    if (actor.kind === 'agent') {
      await this.access.conversation(actor.user, attachment.conversationId).catch(() => {
        throw notFound();
      });
      return attachment;
    }
    const visitorMaySee =
      attachment.visitorId === actor.visitorId &&
      attachment.projectId === actor.project.id &&
      (attachment.sender === 'visitor' || (attachment.messageId !== null && !attachment.private));
    if (!visitorMaySee) throw notFound();
    return attachment;
  }

  private async uploadTarget(
    actor: Actor,
    conversationId: string,
  ): Promise<{ project: Project; sender: MessageSender; authorId: string | null }> {
    if (actor.kind === 'visitor') {
      await this.limiter.enforce('message', `visitor:${actor.visitorId}`);
      const found = await this.repo.visitorConversation(conversationId, actor.visitorId);
      if (!found || found.projectId !== actor.project.id) {
        throw AppError.notFound(ErrorCode.CONVERSATION_NOT_FOUND, 'Conversation');
      }
      if (found.visitorBlocked) throw visitorBlocked('upload files');
      return { project: actor.project, sender: 'visitor', authorId: null };
    }
    const { conversation } = await this.access.conversation(actor.user, conversationId);
    const project = await this.projects.findById(conversation.projectId);
    if (!project) throw AppError.notFound(ErrorCode.CONVERSATION_NOT_FOUND, 'Conversation');
    return { project, sender: 'agent', authorId: actor.user.id };
  }

  /** Deletes uploads never attached after 24 h (their files follow through storage_deletions). */
  async sweepUnattached(now = new Date()): Promise<number> {
    return this.repo.sweepUnattached(new Date(now.getTime() - 24 * 3600_000));
  }

  /**
   * Deletes the objects whose rows are gone, then their queue rows, in batches of `batch` while
   * batches come back full, for at most `budgetMs` (so a deleted project's files go in minutes, and
   * a run stays well inside its lease); a failed delete is retried next run.
   */
  async drainDeletions(batch = 100, budgetMs = 30_000): Promise<number> {
    const stopAt = Date.now() + budgetMs;
    let total = 0;
    for (;;) {
      const { fetched, done } = await this.drainBatch(batch);
      total += done;
      // A batch that deleted nothing (storage down?) would only fetch the same rows again.
      if (fetched < batch || done === 0 || Date.now() >= stopAt) return total;
    }
  }

  private async drainBatch(limit: number): Promise<{ fetched: number; done: number }> {
    const pending = await this.repo.pendingDeletions(limit);
    const done: number[] = [];
    for (const { id, storageKey } of pending) {
      try {
        await this.storage.delete(storageKey);
        done.push(id);
      } catch (err) {
        this.logger.warn(`Could not delete stored object ${storageKey}: ${String(err)}`);
      }
    }
    await this.repo.forgetDeletions(done);
    return { fetched: pending.length, done: done.length };
  }
}

/** Errors of the multipart parser or the request stream are the client's: 400, never a 500. */
function malformed(err: unknown): never {
  if (err instanceof AppError) throw err;
  throw new AppError(
    ErrorCode.BAD_REQUEST,
    `The upload is not a valid multipart/form-data body (${String(err)})`,
  );
}

function dimensions(head: Buffer, contentType: string): { width: number | null; height: number | null } {
  const { width, height } = dimensionsOf(head, contentType);
  return { width: width ?? null, height: height ?? null };
}

function downloadHeaders(a: Pick<Attachment, 'name' | 'contentType'>): DownloadHeaders {
  return {
    contentType: servedContentType(a.contentType),
    contentDisposition: contentDisposition(a.name, isInlineImage(a.contentType)),
  };
}

function headersOf(a: Pick<Attachment, 'name' | 'contentType'>): Record<string, string> {
  const { contentType, contentDisposition: disposition } = downloadHeaders(a);
  return { 'content-type': contentType, 'content-disposition': disposition };
}
