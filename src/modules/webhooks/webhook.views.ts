import type { Webhook, WebhookDelivery } from '../../db/schema';
import { toIso, toIsoOrNull } from '../../platform/dates';
import type {
  WebhookDeliveryResponseDto,
  WebhookResponseDto,
  WebhookWithSecretResponseDto,
} from './webhooks.dto';

export const toWebhookView = (w: Webhook): WebhookResponseDto => ({
  id: w.id,
  projectId: w.projectId,
  url: w.url,
  description: w.description,
  events: w.events,
  includePrivate: w.includePrivate,
  enabled: w.enabled,
  disabledReason: w.disabledReason as WebhookResponseDto['disabledReason'],
  previousSecretExpiresAt:
    w.previousSecretExpiresAt && w.previousSecretExpiresAt > new Date()
      ? toIso(w.previousSecretExpiresAt)
      : null,
  createdAt: toIso(w.createdAt),
  updatedAt: toIso(w.updatedAt),
});

export const toWebhookWithSecret = (w: Webhook): WebhookWithSecretResponseDto => ({
  ...toWebhookView(w),
  secret: w.secret,
});

export const toDeliveryView = (d: WebhookDelivery): WebhookDeliveryResponseDto => ({
  id: d.id,
  webhookId: d.webhookId,
  eventId: d.eventId,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastDurationMs: d.lastDurationMs,
  lastError: d.lastError,
  lastResponse: d.lastResponse,
  nextAttemptAt: d.status === 'pending' ? toIsoOrNull(d.nextAttemptAt) : null,
  deliveredAt: toIsoOrNull(d.deliveredAt),
  createdAt: toIso(d.createdAt),
  attemptLog: d.attemptLog,
});
