import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';

export class UnsubscribeParamsDto extends createZodDto(
  z.strictObject({ token: z.string().min(1).max(300).describe("From a continuity mail's unsubscribe link") }),
) {}

export class UnsubscribedResponseDto extends createZodDto(z.object({ unsubscribed: z.literal(true) })) {}
