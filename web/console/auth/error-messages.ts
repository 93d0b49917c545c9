import { ApiError } from '@shared/api/client';

export interface FormErrors {
  /** Shown above the form's button (role="alert"). */
  form?: string;
  /** By field name: shown under the field, which is marked invalid. */
  fields: Record<string, string>;
}

const MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: 'Email or password is incorrect.',
  EMAIL_TAKEN: 'An account with this email already exists. Sign in instead.',
  NETWORK_ERROR: 'Cannot reach the server. Check your connection and try again.',
  INVITATION_NOT_FOUND: 'This invitation is no longer valid: it expired, was revoked or was already used.',
  INVITATION_EMAIL_MISMATCH:
    'This invitation was sent to another email address. Sign out, then sign in or sign up with that address.',
  ALREADY_MEMBER: 'You are already a member of this team.',
  PASSWORD_RESET_TOKEN_INVALID: 'This reset link is invalid, was already used or expired. Ask for a new one.',
};

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/\.?$/, '.');

/** What to show for a failed call: the server's field errors by field, or one sentence. */
export function formErrors(err: unknown): FormErrors {
  if (!(err instanceof ApiError)) return { form: 'Something went wrong. Try again.', fields: {} };
  if (err.code === 'RATE_LIMITED') {
    const wait = err.retryAfterMs ? ` in ${Math.ceil(err.retryAfterMs / 1000)} seconds` : ' in a minute';
    return { form: `Too many attempts. Try again${wait}.`, fields: {} };
  }
  if (err.code === 'VALIDATION_FAILED' && err.details?.length) {
    const fields: Record<string, string> = {};
    for (const d of err.details) if (d.path && !fields[d.path]) fields[d.path] = sentence(d.message);
    return { form: Object.keys(fields).length ? undefined : sentence(err.message), fields };
  }
  return { form: MESSAGES[err.code] ?? sentence(err.message), fields: {} };
}
