import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';
import { limitSchema } from '../../platform/http/pagination';
import { plainText } from '../auth/auth.dto';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from './webhook-events';

const urlSchema = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://example.com/hooks' }));

const eventsSchema = z
  .array(z.enum([ALL_EVENTS, ...WEBHOOK_EVENT_TYPES]))
  .min(1)
  .max(20)
  .transform((events) => (events.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(events)]))
  .describe(`Event types to receive; "${ALL_EVENTS}" (the default) is every type, including later ones`);

const fields = {
  url: urlSchema,
  events: eventsSchema,
  includePrivate: z.boolean().describe('Also send message.created for internal notes'),
  description: plainText(200, 0).nullable(),
};

export class CreateWebhookDto extends createZodDto(
  z.strictObject({
    url: fields.url,
    events: fields.events.default([ALL_EVENTS]),
    includePrivate: fields.includePrivate.default(false),
    description: fields.description.optional(),
  }),
) {}

export class UpdateWebhookDto extends createZodDto(
  z
    .strictObject({ ...fields, enabled: z.boolean() })
    .partial()
    .refine((v) => Object.keys(v).length > 0, 'at least one field is required'),
) {}

export class ListDeliveriesQueryDto extends createZodDto(
  z.strictObject({ cursor: z.string().max(500).optional(), limit: limitSchema }),
) {}

const webhookSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()),
  includePrivate: z.boolean(),
  enabled: z.boolean(),
  disabledReason: z
    .enum(['gone', 'failing'])
    .nullable()
    .describe('Why it was turned off automatically: a 410 answer, or 3 days of failures'),
  previousSecretExpiresAt: z.iso
    .datetime()
    .nullable()
    .describe('Until then the previous secret signs alongside the current one'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export class WebhookResponseDto extends createZodDto(webhookSchema) {}
export class WebhookWithSecretResponseDto extends createZodDto(
  webhookSchema.extend({
    secret: z.string().describe('Signing secret (whsec_…); shown only on create and rotate-secret'),
  }),
) {}

const attemptSchema = z.object({
  attempt: z.number().int(),
  at: z.iso.datetime(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});

export class WebhookDeliveryResponseDto extends createZodDto(
  z.object({
    id: z.uuid(),
    webhookId: z.uuid(),
    eventId: z.string(),
    type: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastDurationMs: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastResponse: z.string().nullable().describe('At most 1 KB of the last response body'),
    nextAttemptAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    attemptLog: z.array(attemptSchema).describe('Every attempt, oldest first'),
  }),
) {}
