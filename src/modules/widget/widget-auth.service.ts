import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import type { Project } from '../../db/schema';
import { originMatches } from '../projects/allowed-origins';
import { ProjectsService } from '../projects/projects.service';
import { VisitorTokenService } from '../visitors/visitor-token.service';

export interface WidgetCredentials {
  projectKey?: string;
  visitorToken?: string;
  origin?: string;
  /** Client IP, for the per-IP limits. */
  ip: string;
}

/** Who a widget request or socket is: always a project, and a visitor once it has a token. */
export interface WidgetContext {
  project: Project;
  ip: string;
  visitorId?: string;
  /** The visitor token as presented. */
  visitorToken?: string;
  /** When that token expires (ms since epoch), from its verified claims. */
  expiresAt?: number;
  /** A fresh token when the presented one is past half its life (sliding expiry). */
  renewedToken?: string;
}

@Injectable()
export class WidgetAuthService {
  constructor(
    private readonly projects: ProjectsService,
    private readonly tokens: VisitorTokenService,
  ) {}

  /**
   * A visitor token names its project, so it keeps working after the public key is rotated;
   * the key is needed only to start (no token yet) and must never point at another project.
   */
  async authenticate(creds: WidgetCredentials): Promise<WidgetContext> {
    const claims = creds.visitorToken ? this.tokens.verify(creds.visitorToken) : undefined;
    const byKey = creds.projectKey ? await this.projects.findByPublicKey(creds.projectKey) : undefined;
    let project: Project | undefined;
    if (claims) {
      if (byKey && byKey.id !== claims.pid) {
        throw new AppError(ErrorCode.VISITOR_TOKEN_INVALID, 'Visitor token belongs to another project');
      }
      project = byKey ?? (await this.projects.findById(claims.pid));
      if (!project)
        throw new AppError(ErrorCode.VISITOR_TOKEN_INVALID, 'Visitor token is invalid or expired');
    } else {
      if (!creds.projectKey)
        throw new AppError(ErrorCode.PROJECT_KEY_INVALID, 'X-Project-Key header is required');
      if (!byKey) throw new AppError(ErrorCode.PROJECT_KEY_INVALID, 'Unknown project key');
      project = byKey;
    }
    this.assertOrigin(project, creds.origin);
    return {
      project,
      ip: creds.ip,
      visitorId: claims?.vid,
      visitorToken: claims ? creds.visitorToken : undefined,
      expiresAt: claims ? claims.exp * 1000 : undefined,
      renewedToken:
        claims && this.tokens.needsRenewal(claims) ? this.tokens.sign(claims.vid, claims.pid) : undefined,
    };
  }

  /** With a non-empty allow-list, only listed origins may use the widget (a missing Origin too is refused). */
  assertOrigin(project: Project, origin: string | undefined): void {
    if (project.allowedOrigins.length === 0) return;
    if (!origin || !originMatches(project.allowedOrigins, origin)) {
      throw new AppError(ErrorCode.ORIGIN_NOT_ALLOWED, 'This origin may not use this widget');
    }
  }
}
