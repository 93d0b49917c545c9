import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';

export class HealthResponseDto extends createZodDto(
  z.object({
    status: z.literal('ok'),
    info: z
      .record(z.string(), z.looseObject({ status: z.literal('up') }))
      .describe('One entry per dependency, e.g. `database: { status: "up", driver: "pglite" }`'),
  }),
) {}
