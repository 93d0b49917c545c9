import { createZodDto } from '../../platform/http/zod-dto';
import { z } from 'zod';
import { limitSchema, queryInt } from '../../platform/http/pagination';
import { widgetConversationSchema } from '../conversations/conversations.dto';
import { visitorProfileSchema } from '../visitors/visitors.dto';

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
  author: z
    .object({ name: z.string(), avatarUrl: z.string().nullable() })
    .nullable()
    .describe("The agent's public name and avatar (agent messages); null for visitor and system messages"),
  body: z.string(),
  private: z.boolean(),
  clientMessageId: z.string(),
  createdAt: z.iso.datetime(),
});

export class MessageResponseDto extends createZodDto(messageSchema) {}

export class VisitorSendResponseDto extends createZodDto(
  z.object({
    message: messageSchema,
    conversation: widgetConversationSchema,
    visitorId: z.uuid(),
    visitorToken: z.string().describe('Send as X-Visitor-Token on later widget requests'),
  }),
) {}
