import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';
import { queryInt } from '../../platform/http/pagination';
import { plainText } from '../auth/auth.dto';

/** Names are compared and stored lower-case: "Billing" and "billing" are one label. */
const name = plainText(50).transform((v) => v.toLowerCase());
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #1f6feb')
  .transform((v) => v.toLowerCase());

export class CreateLabelDto extends createZodDto(z.strictObject({ name, color })) {}

export class UpdateLabelDto extends createZodDto(
  z
    .strictObject({ name: name.optional(), color: color.optional() })
    .refine((v) => Object.keys(v).length > 0, 'at least one field is required'),
) {}

/** A team's labels by name; a team has few, so a page holds up to 500. */
export class ListLabelsQueryDto extends createZodDto(
  z.strictObject({
    cursor: z.string().max(500).optional(),
    limit: queryInt(1, 500).default(500),
  }),
) {}

export class SetConversationLabelsDto extends createZodDto(
  z.strictObject({
    labelIds: z
      .array(z.uuid())
      .max(50)
      .transform((ids) => ids.map((i) => i.toLowerCase()))
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id')
      .describe("The conversation's whole set of labels (labels of its team); [] removes them all"),
  }),
) {}

export const labelChipSchema = z.object({ id: z.uuid(), name: z.string(), color: z.string() });

export class LabelResponseDto extends createZodDto(
  z.object({
    id: z.uuid(),
    teamId: z.uuid(),
    name: z.string().describe('lower-case, unique in the team'),
    color: z.string().describe('#rrggbb'),
    createdAt: z.iso.datetime(),
  }),
) {}
