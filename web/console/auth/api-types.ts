// The few API shapes the session uses, typed by hand until web/shared/api/schema.d.ts (generated
// from the OpenAPI document) replaces them.
import type { SessionTeam, SessionUser } from './session';

/** Tokens as the console receives them: the refresh token is the HttpOnly cookie, never here. */
export interface ConsoleTokens {
  accessToken: string;
  tokenType: 'Bearer';
  /** Access token lifetime, seconds. */
  expiresIn: number;
}

export interface SignInResponse extends ConsoleTokens {
  user: SessionUser & { createdAt: string };
  team?: { id: string; name: string };
}

export type TeamResponse = SessionTeam & { createdAt: string };
