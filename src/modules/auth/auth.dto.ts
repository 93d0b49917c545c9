import { createZodDto } from '../../platform/http/zod-dto';
import { z } from 'zod';
import type { Team, User } from '../../db/schema';

export const emailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
const password = z.string().min(10, 'must be at least 10 characters').max(200);

/** Trimmed, non-blank text PostgreSQL can store (text columns reject NUL characters). */
export const plainText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
const name = plainText(100);

const oneTimeToken = z.string().min(1).max(200);

export class RegisterDto extends createZodDto(
  z.strictObject({
    email: emailSchema,
    password,
    name,
    teamName: name.optional().describe('Ignored with invitationToken'),
    invitationToken: oneTimeToken
      .optional()
      .describe("Join the inviting team with the invited role instead of getting a team of one's own"),
  }),
) {}

export class ForgotPasswordDto extends createZodDto(z.strictObject({ email: emailSchema })) {}

export class ResetPasswordDto extends createZodDto(z.strictObject({ token: oneTimeToken, password })) {}

export class AcceptedResponseDto extends createZodDto(z.object({ accepted: z.literal(true) })) {}

const notificationsSchema = z.object({
  newConversation: z.boolean().describe('Mail me a new conversation while no agent of the project is online'),
  webhookDisabled: z.boolean().describe('Mail me (owners/admins) when a webhook endpoint is disabled'),
});
export type NotificationsView = z.infer<typeof notificationsSchema>;

export class UpdateMeDto extends createZodDto(
  z
    .strictObject({ name: name.optional(), notifications: notificationsSchema.partial().strict().optional() })
    .refine((v) => v.name !== undefined || v.notifications !== undefined, 'nothing to change'),
) {}

export class LoginDto extends createZodDto(
  z.strictObject({ email: emailSchema, password: z.string().min(1).max(200) }),
) {}

export class RefreshDto extends createZodDto(
  z.strictObject({
    refreshToken: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .describe('Omitted by the console, whose refresh token is the HttpOnly cookie'),
  }),
) {}

const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  notifications: notificationsSchema,
});

export class UserResponseDto extends createZodDto(userSchema) {}

const tokensSchema = z.object({
  accessToken: z.string(),
  refreshToken: z
    .string()
    .optional()
    .describe(
      'Absent when the refresh token was set as a cookie (X-Refresh-Cookie: 1, or refreshed by cookie)',
    ),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().describe('Access token lifetime in seconds'),
});

export class TokensResponseDto extends createZodDto(tokensSchema) {}

export class AuthResponseDto extends createZodDto(
  tokensSchema.extend({
    user: userSchema,
    team: z.object({ id: z.uuid(), name: z.string() }).optional(),
  }),
) {}

export const toUserResponse = (u: User): UserResponseDto => ({
  id: u.id,
  email: u.email,
  name: u.name,
  createdAt: u.createdAt.toISOString(),
  notifications: notificationsOf(u),
});

/** A user's notification switches, each on unless turned off. */
export const notificationsOf = (u: Pick<User, 'notificationPrefs'>): NotificationsView => ({
  newConversation: u.notificationPrefs.newConversation ?? true,
  webhookDisabled: u.notificationPrefs.webhookDisabled ?? true,
});

export const toTeamSummary = (t: Team): { id: string; name: string } => ({ id: t.id, name: t.name });
