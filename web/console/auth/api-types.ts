// The API shapes the session uses, from the generated OpenAPI types (npm run gen:api).
import type { components } from '@shared/api/schema';

type Schemas = components['schemas'];

/** Tokens as the console receives them: the refresh token is the HttpOnly cookie, so never in the body. */
export type ConsoleTokens = Omit<Schemas['TokensResponseDto'], 'refreshToken'>;
export type SignInResponse = Omit<Schemas['AuthResponseDto'], 'refreshToken'>;
export type TeamResponse = Schemas['TeamResponseDto'];
