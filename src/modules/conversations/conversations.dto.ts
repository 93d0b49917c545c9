import { createZodDto } from '../../platform/http/zod-dto';
import { z } from 'zod';
import { limitSchema } from '../../platform/http/pagination';
import { labelChipSchema } from '../labels/labels.dto';

const status = z.enum(['open', 'pending', 'resolved', 'snoozed']);

export class ListConversationsQueryDto extends createZodDto(
  z.strictObject({
    projectId: z.uuid().optional(),
    status: status.optional(),
    assignee: z
      .union([z.enum(['me', 'none']), z.uuid()])
      .optional()
      .describe("'me', 'none' or a user id"),
    label: z.uuid().optional().describe('Only conversations with this label'),
    cursor: z.string().max(500).optional(),
    limit: limitSchema,
  }),
) {}

const MAX_SNOOZE_MS = 366 * 86_400_000;

export class UpdateConversationDto extends createZodDto(
  z
    .strictObject({
      status: status.optional(),
      assigneeId: z
        .uuid()
        .nullable()
        .optional()
        .describe('A member of the project team, or null to unassign'),
      snoozedUntil: z.iso
        .datetime({ offset: true })
        .refine((v) => Date.parse(v) > Date.now(), 'must be in the future')
        .refine((v) => Date.parse(v) <= Date.now() + MAX_SNOOZE_MS, 'must be within a year')
        .nullable()
        .optional()
        .describe('With status snoozed: the conversation reopens by itself then'),
    })
    .refine((v) => Object.keys(v).length > 0, 'at least one field is required')
    .refine((v) => !v.snoozedUntil || v.status === 'snoozed', {
      message: 'snoozedUntil needs status "snoozed"',
      path: ['snoozedUntil'],
    }),
) {}

export class MarkReadDto extends createZodDto(
  z.strictObject({
    seq: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .optional()
      .describe('Read up to this sequence (default: all)'),
  }),
) {}

const conversationSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  visitorId: z.uuid(),
  status,
  assigneeId: z.uuid().nullable(),
  snoozedUntil: z.iso.datetime().nullable(),
  lastSeq: z.number(),
  lastPublicSeq: z.number().describe('seq of the last message the visitor can see (no internal notes)'),
  lastMessageAt: z.iso.datetime(),
  lastMessagePreview: z.string().nullable(),
  agentLastReadSeq: z.number(),
  visitorLastReadSeq: z.number(),
  firstAgentReplyAt: z.iso.datetime().nullable().describe('When the first public agent reply landed'),
  resolvedAt: z.iso.datetime().nullable().describe('When it was last resolved (kept if it reopens)'),
  resolvedById: z.uuid().nullable().describe('Who resolved it last'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  labels: z.array(labelChipSchema).describe("The conversation's labels, by name"),
});

export class ConversationResponseDto extends createZodDto(conversationSchema) {}

export class InboxItemResponseDto extends createZodDto(
  conversationSchema.extend({
    unreadCount: z.number().describe('Visitor messages after the agent-side read marker'),
    visitor: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable() }),
  }),
) {}

export class ConversationDetailResponseDto extends createZodDto(
  conversationSchema.extend({
    unreadCount: z.number().describe('Visitor messages after the agent-side read marker'),
    visitor: z.object({
      id: z.uuid(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      externalId: z.string().nullable().describe("The site's user id (trusted only when verified)"),
      verified: z.boolean().describe('externalId proven with the identity-verification HMAC'),
      metadata: z
        .record(z.string(), z.unknown())
        .describe('What the site sent about the visitor (≤ 50 keys)'),
      lastSeenAt: z.iso.datetime(),
    }),
  }),
) {}

export class ReadStateResponseDto extends createZodDto(
  z.object({ conversationId: z.uuid(), side: z.enum(['agent', 'visitor']), lastReadSeq: z.number() }),
) {}

/** A conversation as its visitor sees it (see toWidgetConversation). */
export const widgetConversationSchema = z.object({
  id: z.uuid(),
  status: z.enum(['open', 'pending', 'resolved', 'snoozed']),
  lastSeq: z.number(),
  lastMessageAt: z.iso.datetime(),
  lastMessagePreview: z.string().nullable(),
  visitorLastReadSeq: z.number(),
  agentLastReadSeq: z.number().describe('Read receipt: the agents have read up to here'),
  createdAt: z.iso.datetime(),
});

export class WidgetConversationItemDto extends createZodDto(
  widgetConversationSchema.extend({
    unreadCount: z.number().describe('Agent replies after the visitor read marker'),
  }),
) {}
