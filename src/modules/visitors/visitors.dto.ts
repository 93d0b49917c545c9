import { z } from 'zod';

/** What a site may tell about its visitor (widget session and first message). */
export const visitorProfileSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    email: z.email().max(254).optional(),
    externalId: z.string().min(1).max(200).optional().describe("The site's own user id"),
    userHash: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be a hex HMAC-SHA256')
      .optional()
      .describe('HMAC-SHA256(project secret, externalId), computed on the site server'),
    metadata: z
      .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
      .refine((m) => Object.keys(m).length <= 50, 'at most 50 keys')
      .optional(),
  })
  .refine((v) => !v.userHash || v.externalId, {
    message: 'userHash goes with externalId',
    path: ['userHash'],
  });
