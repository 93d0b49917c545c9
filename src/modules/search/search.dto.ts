import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';
import { queryInt } from '../../platform/http/pagination';
import { visitorAdminSchema } from '../visitors/visitors.dto';

export class SearchQueryDto extends createZodDto(
  z.strictObject({
    // Not trimmed: a trailing space says the last word is complete (no prefix match).
    q: z
      .string()
      .max(200)
      .refine((v) => v.trim().length > 0, 'must not be blank')
      .optional()
      .describe(
        'Without q nothing matches (the result is empty). ' +
          'Words ("a phrase", or, -word); the last word also matches as a prefix while typing',
      ),
    projectId: z.uuid().optional(),
    status: z.enum(['open', 'pending', 'resolved', 'snoozed']).optional(),
    cursor: z.string().max(500).optional(),
    limit: queryInt(1, 50).default(20),
  }),
) {}

const match = z.object({
  messageId: z.uuid(),
  seq: z.number().describe("The message's place in its conversation (open the history there)"),
  private: z.boolean().describe('An internal note'),
  createdAt: z.iso.datetime(),
  snippet: z.string().describe('Plain text around the matching words (not HTML)'),
  highlights: z
    .array(z.object({ start: z.number(), end: z.number() }))
    .describe('Matching words as [start, end) UTF-16 offsets into snippet'),
});

export class SearchResponseDto extends createZodDto(
  z.object({
    conversations: z.array(
      z.object({
        conversation: z.object({
          id: z.uuid(),
          projectId: z.uuid(),
          status: z.enum(['open', 'pending', 'resolved', 'snoozed']),
          assigneeId: z.uuid().nullable(),
          lastMessageAt: z.iso.datetime(),
          lastMessagePreview: z.string().nullable(),
          visitor: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable() }),
        }),
        matches: z.array(match).describe('Its best matching messages (up to 3)'),
      }),
    ),
    visitors: z
      .array(visitorAdminSchema)
      .describe('Visitors whose name, email or external id contains q (first page only)'),
    nextCursor: z.string().nullable().describe('The next page of conversations'),
    hasMore: z.boolean(),
  }),
) {}
