import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import type { TeamRole } from '../../db/schema';

const RANK: Record<TeamRole, number> = { agent: 1, admin: 2, owner: 3 };

/** Throws 403 INSUFFICIENT_ROLE unless `role` is at least `minimum`. */
export function assertRole(role: TeamRole, minimum: TeamRole): void {
  if (RANK[role] < RANK[minimum]) {
    throw new AppError(ErrorCode.INSUFFICIENT_ROLE, `This action needs the ${minimum} role or higher`);
  }
}

/** The least role that may invite someone into a team as `role`: admins invite; only owners make owners. */
export const minimumGranterOf = (role: TeamRole): TeamRole => (role === 'owner' ? 'owner' : 'admin');

/**
 * Whether a member with `granter` may grant `role` by invitation. Checked when inviting, kept true
 * for pending invitations when their inviter is removed or demoted, and again when one is accepted.
 */
export const mayGrant = (granter: TeamRole, role: TeamRole): boolean =>
  RANK[granter] >= RANK[minimumGranterOf(role)];
