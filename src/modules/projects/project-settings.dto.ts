import { z } from 'zod';
import { isValidTimeZone } from '../../platform/time-zones';
import { plainText } from '../auth/auth.dto';

// csat lane: the satisfaction and business-hours parts of `projects.settings` (docs/csat-hours-reports.md).

export const csatSettingsSchema = z.strictObject({
  enabled: z.boolean().describe('Ask the visitor for a 1–5 rating when an agent resolves'),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (00:00–24:00)');

export const businessHoursSchema = z.strictObject({
  timezone: z
    .string()
    .max(64)
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris')
    .describe('IANA time zone the hours are in'),
  weekly: z
    .array(
      z
        .strictObject({
          day: z.number().int().min(0).max(6).describe('0 = Sunday … 6 = Saturday'),
          from: hhmm,
          to: hhmm,
        })
        .refine((w) => w.from < w.to, { message: 'from must be before to', path: ['to'] }),
    )
    .max(50)
    .describe('Opening hours per weekday; an empty list is always closed'),
  offlineMessage: plainText(1000, 0)
    .optional()
    .describe('Sent as a system message to a visitor writing outside hours (at most once a day)'),
});
