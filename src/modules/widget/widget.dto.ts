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
    requireIdentityVerification: z.boolean(),
  }),
) {}
