import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';

/** 403 VISITOR_BLOCKED: a blocked visitor's widget writes are refused (`action`: what was refused). */
export const visitorBlocked = (action: string): AppError =>
  new AppError(ErrorCode.VISITOR_BLOCKED, `This visitor was blocked by the team and cannot ${action}`);
