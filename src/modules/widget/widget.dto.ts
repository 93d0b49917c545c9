import { createZodDto } from '../../platform/http/zod-dto';
import { z } from 'zod';
import { visitorProfileSchema } from '../visitors/visitors.dto';

export class WidgetSessionDto extends createZodDto(
  z.strictObject({ visitor: visitorProfileSchema.optional() }),
) {}

export class WidgetSessionResponseDto extends createZodDto(
  z.object({
    visitorToken: z.string(),
    visitor: z.object({
      id: z.uuid(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      verified: z.boolean(),
    }),
  }),
) {}

export class WidgetConfigResponseDto extends createZodDto(
  z.object({
    projectId: z.uuid(),
    name: z.string(),
    greeting: z.string().nullable(),
    color: z.string().nullable(),
    agentsOnline: z.boolean(),
    online: z.boolean().describe('An agent is online and it is within business hours'),
    withinHours: z.boolean().describe('Within business hours (always true without a schedule)'),
    nextOpenAt: z.iso
      .datetime()
      .nullable()
      .describe('When the business hours open next, if now is outside them'),
    offlineMessage: z.string().nullable().describe('What to show while outside business hours'),
    csatEnabled: z.boolean().describe('The widget asks for a rating after a resolve'),
    requireIdentityVerification: z.boolean(),
  }),
) {}
