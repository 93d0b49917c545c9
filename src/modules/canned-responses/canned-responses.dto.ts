import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';
import { queryInt } from '../../platform/http/pagination';
import { plainText } from '../auth/auth.dto';

const shortcut = z
  .string()
  .regex(/^[a-z0-9_-]{1,32}$/, 'must be 1-32 of a-z, 0-9, _ and -')
  .describe('Typed after / in the reply box; unique in the team');
const title = plainText(100).nullable();
const body = plainText(5000).describe(
  'May use {{visitor.name}}, {{visitor.email}}, {{agent.name}}, {{project.name}}, with a fallback: {{visitor.name | there}}',
);

export class CreateCannedResponseDto extends createZodDto(
  z.strictObject({ shortcut, title: title.optional(), body }),
) {}

export class UpdateCannedResponseDto extends createZodDto(
  z
    .strictObject({ shortcut: shortcut.optional(), title: title.optional(), body: body.optional() })
    .refine((v) => Object.keys(v).length > 0, 'at least one field is required'),
) {}

/** A team's canned responses by shortcut; the console loads them all for its picker. */
export class ListCannedResponsesQueryDto extends createZodDto(
  z.strictObject({
    cursor: z.string().max(500).optional(),
    limit: queryInt(1, 500).default(500),
  }),
) {}

export class CannedResponseResponseDto extends createZodDto(
  z.object({
    id: z.uuid(),
    teamId: z.uuid(),
    shortcut: z.string(),
    title: z.string().nullable(),
    body: z.string(),
    authorId: z.uuid().nullable().describe('Who wrote it (null once their account is gone)'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }),
) {}
