import { createZodDto } from '../../platform/http/zod-dto';
import { z } from 'zod';
import type { Project } from '../../db/schema';
import { plainText } from '../auth/auth.dto';
import { normaliseAllowedOrigin } from './allowed-origins';
import { businessHoursSchema, csatSettingsSchema } from './project-settings.dto';

/** An origin such as https://shop.example.com, http://localhost:5173 or https://*.example.com (no path). */
export const originSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    const origin = normaliseAllowedOrigin(value);
    if (origin === undefined)
      ctx.addIssue({ code: 'custom', message: 'must be an origin like https://example.com' });
    return origin ?? z.NEVER;
  });

const settingsSchema = z.strictObject({
  name: plainText(100).optional(),
  greeting: plainText(500, 0).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #1f6feb')
    .optional(),
  attachments: z
    .strictObject({
      maxBytes: z.number().int().min(1).max(2 ** 31 - 1).optional().describe('Capped by ATTACHMENT_MAX_BYTES'),
      allowedTypes: z
        .array(z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a content type like image/png'))
        .max(50)
        .optional(),
    })
    .optional()
    .describe('Upload limits (defaults: 10 MB; images, PDF, plain text, office formats)'),
  csat: csatSettingsSchema.optional(),
  businessHours: businessHoursSchema.nullable().optional(),
});

const projectFields = {
  name: plainText(100),
  allowedOrigins: z.array(originSchema).max(50),
  settings: settingsSchema,
  requireIdentityVerification: z.boolean(),
};

export class CreateProjectDto extends createZodDto(
  z.strictObject({
    teamId: z.uuid(),
    name: projectFields.name,
    allowedOrigins: projectFields.allowedOrigins.default([]),
    settings: projectFields.settings.default({}),
    requireIdentityVerification: projectFields.requireIdentityVerification.default(false),
  }),
) {}

export class UpdateProjectDto extends createZodDto(
  z
    .strictObject({
      name: projectFields.name,
      allowedOrigins: projectFields.allowedOrigins,
      settings: projectFields.settings,
      requireIdentityVerification: projectFields.requireIdentityVerification,
    })
    .partial()
    .refine((v) => Object.keys(v).length > 0, 'at least one field is required'),
) {}

export class ListProjectsQueryDto extends createZodDto(z.strictObject({ teamId: z.uuid().optional() })) {}

const projectSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  name: z.string(),
  publicKey: z.string().describe('Embed this in the widget (X-Project-Key)'),
  allowedOrigins: z.array(z.string()),
  settings: z.object({
    name: z.string().optional(),
    greeting: z.string().optional(),
    color: z.string().optional(),
    attachments: z
      .object({ maxBytes: z.number().optional(), allowedTypes: z.array(z.string()).optional() })
      .optional(),
    csat: csatSettingsSchema.optional(),
    businessHours: businessHoursSchema.nullable().optional(),
  }),
  requireIdentityVerification: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export class ProjectResponseDto extends createZodDto(projectSchema) {}
export class ProjectWithSecretResponseDto extends createZodDto(
  projectSchema.extend({
    secret: z.string().describe('Identity-verification secret; shown only on create and rotate-secret'),
  }),
) {}

export const toProjectResponse = (p: Project): ProjectResponseDto => ({
  id: p.id,
  teamId: p.teamId,
  name: p.name,
  publicKey: p.publicKey,
  allowedOrigins: p.allowedOrigins,
  settings: p.settings,
  requireIdentityVerification: p.requireIdentityVerification,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const toProjectWithSecret = (p: Project): ProjectWithSecretResponseDto => ({
  ...toProjectResponse(p),
  secret: p.secret,
});
