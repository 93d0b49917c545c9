import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';
import { limitSchema } from '../../platform/http/pagination';
import { visitorAdminSchema } from '../visitors/visitors.dto';

export class ListVisitorsQueryDto extends createZodDto(
  z.strictObject({
    q: z.string().trim().min(1).max(200).optional().describe('Part of a name, email or external id'),
    cursor: z.string().max(500).optional(),
    limit: limitSchema,
  }),
) {}

export class VisitorConversationsQueryDto extends createZodDto(
  z.strictObject({ cursor: z.string().max(500).optional(), limit: limitSchema }),
) {}

const metadataValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export class UpdateVisitorDto extends createZodDto(
  z
    .strictObject({
      name: z.string().trim().min(1).max(100).nullable().optional(),
      email: z.email().max(254).nullable().optional(),
      metadata: z
        .record(z.string().max(100), metadataValue)
        .refine((m) => Object.keys(m).length <= 50, 'at most 50 keys')
        .optional()
        .describe('Replaces what is stored'),
      blocked: z
        .boolean()
        .optional()
        .describe(
          'A blocked visitor cannot send messages, start sessions, upload files or rate (403 VISITOR_BLOCKED)',
        ),
      resolveOpen: z
        .boolean()
        .optional()
        .describe("With blocked: true, also resolves the visitor's conversations that are not resolved"),
    })
    .refine((v) => Object.keys(v).some((k) => k !== 'resolveOpen'), 'at least one field is required')
    .refine((v) => !v.resolveOpen || v.blocked === true, {
      message: 'resolveOpen goes with blocked: true',
      path: ['resolveOpen'],
    }),
) {}

export class VisitorResponseDto extends createZodDto(visitorAdminSchema) {}

export class UpdatedVisitorResponseDto extends createZodDto(
  visitorAdminSchema.extend({
    resolvedConversationIds: z
      .array(z.uuid())
      .describe('The conversations this request resolved (resolveOpen), else empty'),
  }),
) {}

const exportedMessage = z.object({
  id: z.uuid(),
  seq: z.number(),
  sender: z.enum(['visitor', 'agent', 'system']),
  authorName: z.string().nullable(),
  body: z.string(),
  private: z.boolean().describe('An internal note of the team'),
  createdAt: z.iso.datetime(),
});

const exportedAttachment = z
  .object({
    id: z.uuid(),
    messageId: z.uuid().nullable().describe('Null while not attached to a sent message'),
    sender: z.enum(['visitor', 'agent', 'system']),
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
  })
  .describe('A file sent in the conversation: its metadata, not its bytes');

const exportedRating = z.object({
  score: z.number().int(),
  comment: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export class VisitorExportResponseDto extends createZodDto(
  z.object({
    visitor: visitorAdminSchema.describe('The profile, blocked state included'),
    emailOptOutAt: z.iso
      .datetime()
      .nullable()
      .describe('When they used the unsubscribe link of a continuity mail (null: never)'),
    conversations: z.array(
      z.object({
        id: z.uuid(),
        status: z.enum(['open', 'pending', 'resolved', 'snoozed']),
        createdAt: z.iso.datetime(),
        lastMessageAt: z.iso.datetime(),
        messages: z.array(exportedMessage),
        attachments: z.array(exportedAttachment),
        rating: exportedRating.nullable().describe('Their satisfaction rating of it, if they gave one'),
      }),
    ),
  }),
) {}
