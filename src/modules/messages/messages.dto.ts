import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { limitSchema, queryInt } from '../../platform/http/pagination';

export const messageBody = z
  .string()
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .trim()
  .min(1, 'must not be empty')
  .max(5000, 'must be at most 5000 characters');
export const clientMessageId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'letters, digits and _ . : - only')
  .describe('Client-generated id (a UUID is ideal); repeating it returns the original message');

const seqCursor = queryInt(0, 2_147_483_647);

export const visitorProfileSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    email: z.email().max(254).optional(),
    externalId: z.string().min(1).max(200).optional().describe("The site's own user id"),
    userHash: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be a hex HMAC-SHA256')
      .optional()
      .describe('HMAC-SHA256(project secret, externalId), computed on the site server'),
    metadata: z
      .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
      .refine((m) => Object.keys(m).length <= 50, 'at most 50 keys')
      .optional(),
  })
  .refine((v) => !v.userHash || v.externalId, {
    message: 'userHash goes with externalId',
    path: ['userHash'],
  });

export class SendVisitorMessageDto extends createZodDto(
  z.strictObject({
    body: messageBody,
    clientMessageId,
    conversationId: z.uuid().optional().describe('Omit to start a new conversation'),
    visitor: visitorProfileSchema.optional(),
  }),
) {}

export class SendAgentMessageDto extends createZodDto(
  z.strictObject({
    body: messageBody,
    clientMessageId,
    private: z.boolean().default(false).describe('An internal note the visitor never sees'),
  }),
) {}

export class HistoryQueryDto extends createZodDto(
  z.strictObject({
    before: seqCursor.optional().describe('Messages with seq below this (older page)'),
    after: seqCursor.optional().describe('Messages with seq above this (catch up, oldest first)'),
    limit: limitSchema,
  }),
) {}

export const messageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  seq: z.number().describe('Per-conversation monotonic sequence; the history and resync cursor'),
  sender: z.enum(['visitor', 'agent', 'system']),
  authorId: z.uuid().nullable(),
  body: z.string(),
  private: z.boolean(),
  clientMessageId: z.string(),
  createdAt: z.iso.datetime(),
});

export class MessageResponseDto extends createZodDto(messageSchema) {}

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

export class VisitorSendResponseDto extends createZodDto(
  z.object({
    message: messageSchema,
    conversation: widgetConversationSchema,
    visitorId: z.uuid(),
    visitorToken: z.string().describe('Send as X-Visitor-Token on later widget requests'),
  }),
) {}
