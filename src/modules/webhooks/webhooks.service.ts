import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { Webhook } from '../../db/schema';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { Envelope } from '../../platform/http/envelope';
import { decodeCursor, encodeCursor, type PageMeta } from '../../platform/http/pagination';
import { AccessService } from '../access/access.service';
import { newWebhookSecret } from './signature';
import { checkWebhookUrl, UrlNotAllowedError } from './url-guard';
import { WebhookDeliveryService } from './webhook-delivery.service';
import type { WebhookEventBody } from './webhook-events';
import { toDeliveryView, toWebhookView, toWebhookWithSecret } from './webhook.views';
import type {
  CreateWebhookDto,
  UpdateWebhookDto,
  WebhookDeliveryResponseDto,
  WebhookResponseDto,
  WebhookWithSecretResponseDto,
} from './webhooks.dto';
import { WebhooksRepository } from './webhooks.repository';

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;
const deliveryCursor = z.object({ id: z.uuid() });

/** Webhook endpoints of a project: managed by the owners and admins of its team. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repo: WebhooksRepository,
    private readonly access: AccessService,
    private readonly delivery: WebhookDeliveryService,
  ) {}

  async create(
    user: AuthUser,
    projectId: string,
    dto: CreateWebhookDto,
  ): Promise<WebhookWithSecretResponseDto> {
    await this.access.project(user, projectId, 'admin');
    await this.checkUrl(dto.url);
    const webhook = await this.repo.create(
      projectId,
      {
        url: dto.url,
        events: dto.events,
        includePrivate: dto.includePrivate,
        description: dto.description ?? null,
      },
      newWebhookSecret(),
    );
    return toWebhookWithSecret(webhook);
  }

  async list(user: AuthUser, projectId: string): Promise<WebhookResponseDto[]> {
    await this.access.project(user, projectId, 'admin');
    return (await this.repo.listByProject(projectId)).map(toWebhookView);
  }

  async get(user: AuthUser, id: string): Promise<WebhookResponseDto> {
    return toWebhookView(await this.own(user, id));
  }

  async update(user: AuthUser, id: string, dto: UpdateWebhookDto): Promise<WebhookResponseDto> {
    await this.own(user, id);
    if (dto.url !== undefined) await this.checkUrl(dto.url);
    return toWebhookView(await this.repo.update(id, dto));
  }

  async delete(user: AuthUser, id: string): Promise<void> {
    await this.own(user, id);
    await this.repo.delete(id);
  }

  async rotateSecret(user: AuthUser, id: string): Promise<WebhookWithSecretResponseDto> {
    await this.own(user, id);
    return toWebhookWithSecret(await this.repo.rotateSecret(id, newWebhookSecret(), ROTATION_OVERLAP_MS));
  }

  /** Records a ping delivery and starts it at once; its outcome shows in the delivery log. */
  async test(user: AuthUser, id: string): Promise<WebhookDeliveryResponseDto> {
    const webhook = await this.own(user, id);
    const body: WebhookEventBody = {
      id: `evt_${randomBytes(12).toString('hex')}`,
      type: 'ping',
      createdAt: new Date().toISOString(),
      projectId: webhook.projectId,
      data: { webhookId: webhook.id, message: 'Spectre webhook test' },
    };
    const delivery = await this.repo.insertDelivery({
      webhookId: id,
      outboxId: null,
      eventId: body.id,
      type: body.type,
      body: JSON.stringify(body),
    });
    void this.delivery.kick();
    return toDeliveryView(delivery);
  }

  async deliveries(
    user: AuthUser,
    id: string,
    q: { cursor?: string; limit: number },
  ): Promise<Envelope<WebhookDeliveryResponseDto[], PageMeta>> {
    await this.own(user, id);
    const before = q.cursor ? decodeCursor(q.cursor, deliveryCursor).id : undefined;
    const rows = await this.repo.listDeliveries(id, q.limit + 1, before);
    const page = rows.slice(0, q.limit);
    const hasMore = rows.length > q.limit;
    const last = page.at(-1);
    return new Envelope(page.map(toDeliveryView), {
      hasMore,
      nextCursor: hasMore && last ? encodeCursor({ id: last.id }) : null,
    });
  }

  /** Sends a delivery again now: a failed one's next try, or a replay of a delivered one. */
  async retry(user: AuthUser, id: string, deliveryId: string): Promise<WebhookDeliveryResponseDto> {
    await this.own(user, id);
    const delivery = await this.repo.findDelivery(id, deliveryId);
    if (!delivery) throw AppError.notFound(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND, 'Delivery');
    const requeued = await this.repo.requeue(deliveryId);
    void this.delivery.kick();
    return toDeliveryView(requeued);
  }

  /** The webhook, if the caller is an owner/admin of its project's team; else it does not exist for them. */
  private async own(user: AuthUser, id: string): Promise<Webhook> {
    const webhook = await this.repo.findById(id);
    if (!webhook) throw AppError.notFound(ErrorCode.WEBHOOK_NOT_FOUND, 'Webhook');
    try {
      await this.access.project(user, webhook.projectId, 'admin');
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.PROJECT_NOT_FOUND)
        throw AppError.notFound(ErrorCode.WEBHOOK_NOT_FOUND, 'Webhook');
      throw err;
    }
    return webhook;
  }

  private async checkUrl(url: string): Promise<void> {
    try {
      await checkWebhookUrl(url, this.delivery.urlPolicy);
    } catch (err) {
      if (!(err instanceof UrlNotAllowedError)) throw err;
      throw new AppError(ErrorCode.WEBHOOK_URL_NOT_ALLOWED, `url ${err.message}`, [
        { path: 'url', message: err.message },
      ]);
    }
  }
}
