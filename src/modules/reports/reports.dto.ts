import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';
import { isValidTimeZone } from '../../platform/time-zones';

const MAX_DAYS = 366;
const day = z.iso.date().describe('A calendar day (YYYY-MM-DD) in `timezone`');

export class ReportSummaryQueryDto extends createZodDto(
  z
    .strictObject({
      teamId: z.uuid(),
      projectId: z.uuid().optional().describe('Only this project of the team (default: all of them)'),
      from: day.optional().describe('The first day (YYYY-MM-DD); default: 29 days before `to`'),
      to: day.optional().describe('The last day included (YYYY-MM-DD); default: today in `timezone`'),
      interval: z.enum(['day', 'week']).default('day').describe('Weeks start on Monday'),
      timezone: z
        .string()
        .max(64)
        .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris')
        .default('UTC')
        .describe('Days and weeks are cut in this time zone'),
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, {
      message: 'from must not be after to',
      path: ['from'],
    })
    .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= MAX_DAYS * 86_400_000, {
      message: `at most ${MAX_DAYS} days`,
      path: ['to'],
    }),
) {}

const duration = z
  .object({
    median: z.number().nullable().describe('seconds'),
    p90: z.number().nullable().describe('seconds'),
  })
  .describe('null when nothing to measure');

const figures = z.object({
  newConversations: z.number().int(),
  messages: z.object({ visitor: z.number().int(), agent: z.number().int(), system: z.number().int() }),
  resolved: z.number().int(),
  firstResponse: duration,
  resolution: duration,
  csat: z.object({ average: z.number().nullable(), count: z.number().int() }),
});

export type ReportFigures = z.infer<typeof figures>;

export class ReportSummaryResponseDto extends createZodDto(
  z.object({
    teamId: z.uuid(),
    projectId: z.uuid().nullable(),
    from: z.string(),
    to: z.string(),
    interval: z.enum(['day', 'week']),
    timezone: z.string(),
    intervals: z.array(
      figures.extend({ start: z.string().describe('First day of the interval (YYYY-MM-DD)') }),
    ),
    total: figures,
    agents: z.array(
      z.object({
        userId: z.uuid(),
        name: z.string(),
        replies: z.number().int(),
        resolved: z.number().int(),
        medianFirstResponse: z
          .number()
          .nullable()
          .describe('seconds, over the conversations they answered first'),
      }),
    ),
  }),
) {}
