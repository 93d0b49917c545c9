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
