import type { AppConfig } from '../../config/env.schema';
import { invitationAcceptPath } from '../teams/teams.dto';
import { unsubscribeToken } from './unsubscribe-token';

/** The absolute links mails carry, from APP_URL (the console's public address). */
export class AppLinks {
  constructor(private readonly config: Pick<AppConfig, 'APP_URL' | 'JWT_SECRET'>) {}

  private url(path: string): string {
    return `${this.config.APP_URL}${path}`;
  }

  invitation = (token: string): string => this.url(invitationAcceptPath(token));
  passwordReset = (token: string): string => this.url(`/app/reset-password/${encodeURIComponent(token)}`);
  conversation = (id: string): string => this.url(`/app/conversations/${id}`);
  accountSettings = (): string => this.url('/app/settings/account');
  projectSettings = (projectId: string): string => this.url(`/app/settings/projects/${projectId}`);
  unsubscribe = (visitorId: string): string =>
    this.url(`/api/v1/notifications/unsubscribe/${unsubscribeToken(this.config.JWT_SECRET, visitorId)}`);
}

/** Where the visitor chatted: the project's first allowed origin that is a plain URL, if any. */
export function siteOf(allowedOrigins: string[]): string | null {
  for (const origin of allowedOrigins) {
    if (origin.includes('*')) continue;
    try {
      const url = new URL(origin);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
    } catch {
      // not a URL: skip it
    }
  }
  return null;
}
