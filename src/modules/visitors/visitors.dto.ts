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

/** A visitor as agents manage them (contacts, search): see toVisitorAdminView. */
export const visitorAdminSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  externalId: z.string().nullable().describe("The site's user id (trusted only when verified)"),
  verified: z.boolean(),
  metadata: z.record(z.string(), z.unknown()),
  blocked: z.boolean(),
  blockedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
});
