import { ErrorCode, ERROR_STATUS } from './error-codes';

export interface ErrorDetail {
  path?: string;
  message: string;
}

/** A domain error: its code decides the HTTP status and is what clients match on. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: ErrorDetail[],
    /** Extra response headers, e.g. Retry-After. */
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static notFound(code: ErrorCode = ErrorCode.NOT_FOUND, what = 'Resource'): AppError {
    return new AppError(code, `${what} not found`);
  }
}
