import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import type { Project } from '../../db/schema';

/** The hash a customer's server computes for a logged-in user: hex HMAC-SHA256(project secret, externalId). */
export const identityHash = (secret: string, externalId: string): string =>
  createHmac('sha256', secret).update(externalId).digest('hex');

/**
 * Decides whether an externalId is proven. A wrong hash is always refused; a missing one is refused
 * only when the project requires verification (otherwise the id is kept as an unverified attribute).
 */
export function checkIdentity(project: Project, externalId?: string, userHash?: string): boolean {
  if (!externalId) {
    if (userHash) throw new AppError(ErrorCode.IDENTITY_VERIFICATION_FAILED, 'userHash needs an externalId');
    return false;
  }
  if (!userHash) {
    if (project.requireIdentityVerification) {
      throw new AppError(
        ErrorCode.IDENTITY_VERIFICATION_FAILED,
        'This project requires a userHash with externalId',
      );
    }
    return false;
  }
  const expected = Buffer.from(identityHash(project.secret, externalId), 'hex');
  const given = Buffer.from(userHash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError(ErrorCode.IDENTITY_VERIFICATION_FAILED, 'userHash does not match externalId');
  }
  return true;
}
