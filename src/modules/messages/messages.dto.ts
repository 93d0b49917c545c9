import { createZodDto } from '../../platform/http/zod-dto';
import { z } from 'zod';
import { limitSchema, queryInt } from '../../platform/http/pagination';
import { widgetConversationSchema } from '../conversations/conversations.dto';
import { visitorProfileSchema } from '../visitors/visitors.dto';
import { attachmentSchema } from '../attachments/attachments.dto';

const bodyText = z
  .string()
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .trim();
export const messageBody = bodyText.min(1, 'must not be empty').max(5000, 'must be at most 5000 characters');

/** The content of a send: a body, attachments (uploaded first), or both. */
export const contentFields = {
  body: bodyText
    .max(5000, 'must be at most 5000 characters')
    .default('')
    .describe('May be empty when attachmentIds are given'),
  attachmentIds: z
    .array(z.uuid())
    .max(10, 'at most 10 attachments')
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id')
    .optional()
    .describe('Uploads (POST /attachments) of this sender to this conversation, not yet attached'),
};

/** Refuses a send with neither a body nor attachments (the error names `body`, as before). */
export const hasContent: [
  (v: { body: string; attachmentIds?: string[] }) => boolean,
  z.core.$ZodCustomParams,
] = [
  (v) => v.body.length > 0 || (v.attachmentIds?.length ?? 0) > 0,
  { message: 'must not be empty', path: ['body'] },
];
export const clientMessageId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'letters, digits and _ . : - only')
  .describe('Client-generated id (a UUID is ideal); repeating it returns the original message');

const seqCursor = queryInt(0, 2_147_483_647);

export class SendVisitorMessageDto extends createZodDto(
  z
    .strictObject({
      ...contentFields,
      clientMessageId,
      conversationId: z.uuid().optional().describe('Omit to start a new conversation'),
      visitor: visitorProfileSchema.optional(),
    })
    .refine(...hasContent),
) {}

export class SendAgentMessageDto extends createZodDto(
  z
    .strictObject({
      ...contentFields,
      clientMessageId,
      private: z.boolean().default(false).describe('An internal note the visitor never sees'),
    })
    .refine(...hasContent),
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
  attachments: z.array(attachmentSchema).describe('Files attached to the message (empty when none)'),
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
