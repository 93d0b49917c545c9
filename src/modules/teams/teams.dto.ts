import { createZodDto } from '../../platform/http/zod-dto';
import { z } from 'zod';
import type { Invitation } from '../../db/schema';
import { emailSchema, plainText } from '../auth/auth.dto';
import type { TeamWithRole } from '../access/access.repository';
import type { MemberRow } from './teams.repository';

const role = z.enum(['owner', 'admin', 'agent']);
const teamName = plainText(100);

export class CreateTeamDto extends createZodDto(z.strictObject({ name: teamName })) {}
export class UpdateTeamDto extends createZodDto(z.strictObject({ name: teamName })) {}
export class InviteMemberDto extends createZodDto(
  z.strictObject({ email: emailSchema, role: role.default('agent') }),
) {}
export class ChangeRoleDto extends createZodDto(z.strictObject({ role })) {}
export class AcceptInvitationDto extends createZodDto(
  z.strictObject({ token: z.string().min(1).max(200) }),
) {}

export class TeamResponseDto extends createZodDto(
  z.object({ id: z.uuid(), name: z.string(), role, createdAt: z.iso.datetime() }),
) {}
export class MemberResponseDto extends createZodDto(
  z.object({ userId: z.uuid(), email: z.string(), name: z.string(), role, joinedAt: z.iso.datetime() }),
) {}
const invitationSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  email: z.string(),
  role,
  expiresAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export class InvitationResponseDto extends createZodDto(invitationSchema) {}
export class CreatedInvitationResponseDto extends createZodDto(
  invitationSchema.extend({
    token: z.string().describe('Shown once; send it to the invitee'),
    acceptPath: z
      .string()
      .describe("The console's page that accepts it, on this server: send the invitee <origin><acceptPath>"),
  }),
) {}

/** The console route (web/console) where an invitee signs in or up and accepts. */
export const invitationAcceptPath = (token: string): string => `/app/invite/${encodeURIComponent(token)}`;

export const toTeamResponse = (t: TeamWithRole): TeamResponseDto => ({
  id: t.id,
  name: t.name,
  role: t.role,
  createdAt: t.createdAt.toISOString(),
});

export const toMemberResponse = (m: MemberRow): MemberResponseDto => ({
  ...m,
  joinedAt: m.joinedAt.toISOString(),
});

export const toInvitationResponse = (i: Invitation): InvitationResponseDto => ({
  id: i.id,
  teamId: i.teamId,
  email: i.email,
  role: i.role,
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});
