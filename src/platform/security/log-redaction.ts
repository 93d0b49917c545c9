/** Request/response/error fields that may carry credentials; pino replaces them before writing. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-visitor-token"]',
  'req.headers["x-project-key"]',
  'req.headers.cookie',
  'res.headers["x-visitor-token"]',
  // Drizzle query errors carry their bound parameters (password hashes, token hashes, message bodies).
  'err.params',
  'err.cause.params',
];

// Drizzle also repeats the parameters in the message: "Failed query: ...\nparams: a,b,c".
const scrub = (text: string | undefined): string =>
  (text ?? '').replace(/\nparams: [^\n]*/g, '\nparams: [redacted]');

interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** pino `err` serializer: type, message, stack, code and cause, without query parameters. */
export function serializeError(err: Error, depth = 0): SerializedError {
  const code = (err as { code?: unknown }).code;
  const cause = err.cause;
  return {
    type: err.constructor?.name ?? 'Error',
    message: scrub(err.message),
    stack: scrub(err.stack),
    ...(code !== undefined ? { code } : {}),
    ...(cause instanceof Error && depth < 3 ? { cause: serializeError(cause, depth + 1) } : {}),
  };
}
