import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import type { AuthUser } from '../../platform/auth/auth-user';
import { randomToken, sha256 } from '../../platform/crypto';
import { AppError } from '../../platform/errors/app-error';
import { DomainEvents } from '../../platform/events/domain-events';
import { ErrorCode } from '../../platform/errors/error-codes';
import { APP_CONFIG } from '../../config/config.module';
import { durationMs } from '../../config/duration';
import type { AppConfig } from '../../config/env.schema';
import { AccessTokenService } from './access-token.service';
import { AuthRepository, type InvitationRedeemer } from './auth.repository';
import {
  toTeamSummary,
  toUserResponse,
  type AuthResponseDto,
  type LoginDto,
  type RegisterDto,
  type TokensResponseDto,
  type UpdateMeDto,
  type UserResponseDto,
} from './auth.dto';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';

const SESSION_SWEEP_MS = 3_600_000;
export const PASSWORD_RESET_TTL_MS = 3_600_000;
/**
 * A cookie's token rotated this recently is a race, not a theft: two tabs of one browser sent the
 * same cookie at once, and the browser already holds the successor. The loser is told to retry
 * (409) instead of revoking the session; nothing is issued for the old token, so a thief gains
 * nothing, and a reuse after the window still revokes. Body tokens get no grace.
 */
export const COOKIE_REUSE_GRACE_MS = 10_000;

@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    private readonly repo: AuthRepository,
    private readonly accessTokens: AccessTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
    private readonly jobs: JobRunner,
  ) {}

  /** Set by the teams feature (above this one), which owns invitations. */
  private invitationRedeemer?: InvitationRedeemer;

  useInvitationRedeemer(redeemer: InvitationRedeemer): void {
    this.invitationRedeemer = redeemer;
  }

  onModuleInit(): void {
    this.jobs.register({
      name: 'auth.expired-sessions-sweep',
      everyMs: SESSION_SWEEP_MS,
      scope: 'cluster',
      run: () => this.repo.deleteExpiredSessions(),
    });
    this.jobs.register({
      name: 'auth.stale-password-resets-sweep',
      everyMs: SESSION_SWEEP_MS,
      scope: 'cluster',
      run: () => this.repo.deleteStalePasswordResets(),
    });
  }

  async register(dto: RegisterDto): Promise<AuthResponseDto> {
    const emailTaken = () => new AppError(ErrorCode.EMAIL_TAKEN, 'An account with this email already exists');
    if (await this.repo.findUserByEmail(dto.email)) throw emailTaken();
    const account = { email: dto.email, name: dto.name, passwordHash: await hashPassword(dto.password) };
    const { invitationToken } = dto;
    const redeem = this.invitationRedeemer;
    if (invitationToken && !redeem) throw AppError.notFound(ErrorCode.INVITATION_NOT_FOUND, 'Invitation');
    const created =
      invitationToken && redeem
        ? await this.repo.createUserJoining(account, (tx, userId) =>
            redeem(tx, invitationToken, dto.email, userId),
          )
        : await this.repo.createUserWithTeam({ ...account, teamName: dto.teamName ?? `${dto.name}'s team` });
    // Two concurrent sign-ups with one email: the database's unique index decides.
    if (created === 'email-taken') throw emailTaken();
    const { user, team } = created;
    return { ...(await this.issueTokens(user.id)), user: toUserResponse(user), team: toTeamSummary(team) };
  }

  /** Mails a reset link when the account exists; the caller answers the same either way. */
  async forgotPassword(email: string): Promise<void> {
    const user = await this.repo.findUserByEmail(email);
    if (!user) return;
    const token = randomToken('pwr_');
    await this.repo.createPasswordReset(user, {
      token,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS),
    });
  }

  /** Sets a new password with a one-time token and ends every session of the user. */
  async resetPassword(token: string, password: string): Promise<void> {
    const done = await this.repo.resetPassword(sha256(token), await hashPassword(password));
    if (!done) {
      throw new AppError(
        ErrorCode.PASSWORD_RESET_TOKEN_INVALID,
        'This reset link is invalid, used or expired',
      );
    }
    for (const sessionId of done.sessionIds) this.events.publish({ type: 'session.revoked', sessionId });
  }

  async updateMe(user: AuthUser, dto: UpdateMeDto): Promise<UserResponseDto> {
    const row = await this.repo.updateUser(user.id, dto);
    if (!row) throw new AppError(ErrorCode.UNAUTHENTICATED, 'User no longer exists');
    return toUserResponse(row);
  }

  async login(dto: LoginDto): Promise<AuthResponseDto> {
    const user = await this.repo.findUserByEmail(dto.email);
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), dto.password);
    if (!user || !valid) throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'Email or password is incorrect');
    return { ...(await this.issueTokens(user.id)), user: toUserResponse(user) };
  }

  /**
   * Rotates a refresh token; presenting an already-rotated token revokes its whole family (after
   * COOKIE_REUSE_GRACE_MS when it came from the console's cookie).
   */
  async refresh(refreshToken: string, source: 'body' | 'cookie' = 'body'): Promise<TokensResponseDto> {
    const hash = sha256(refreshToken);
    const next = this.newRefreshToken();
    const rotated = await this.repo.rotateRefreshToken(hash, next);
    if (!rotated) {
      const existing = await this.repo.findRefreshToken(hash);
      if (existing?.rotatedAt && !existing.revokedAt) {
        if (source === 'cookie' && Date.now() - existing.rotatedAt.getTime() < COOKIE_REUSE_GRACE_MS) {
          throw new AppError(ErrorCode.REFRESH_TOKEN_ROTATED, 'Refresh token was just rotated; retry');
        }
        await this.repo.revokeFamily(existing.familyId);
        this.events.publish({ type: 'session.revoked', sessionId: existing.familyId });
        throw new AppError(ErrorCode.REFRESH_TOKEN_REUSED, 'Refresh token was already used; session revoked');
      }
      throw new AppError(ErrorCode.REFRESH_TOKEN_INVALID, 'Refresh token is not valid');
    }
    return this.tokensFor(rotated.userId, rotated.familyId, next.token);
  }

  async logout(user: AuthUser): Promise<void> {
    await this.endSession(user.sessionId);
  }

  /**
   * Ends the session a refresh token belongs to, whatever the token's state (a rotated one still
   * names its family): the console's sign-out when it has no access token. An unknown token ends nothing.
   */
  async logoutByRefreshToken(refreshToken: string): Promise<void> {
    const row = await this.repo.findRefreshToken(sha256(refreshToken));
    if (row) await this.endSession(row.familyId);
  }

  private async endSession(sessionId: string): Promise<void> {
    await this.repo.revokeFamily(sessionId);
    this.events.publish({ type: 'session.revoked', sessionId });
  }

  async me(user: AuthUser): Promise<UserResponseDto> {
    const row = await this.repo.findUserById(user.id);
    if (!row) throw new AppError(ErrorCode.UNAUTHENTICATED, 'User no longer exists');
    return toUserResponse(row);
  }

  /** How long a refresh token (and so the console's cookie) lives. */
  get refreshTokenLifetimeMs(): number {
    return durationMs(this.config.JWT_REFRESH_EXPIRES_IN);
  }

  private newRefreshToken() {
    const token = randomToken('rt_');
    const expiresAt = new Date(Date.now() + this.refreshTokenLifetimeMs);
    return { token, tokenHash: sha256(token), expiresAt };
  }

  /** Tokens for a new session (login, register). */
  private async issueTokens(userId: string): Promise<TokensResponseDto> {
    const { token, ...stored } = this.newRefreshToken();
    const row = await this.repo.insertRefreshToken({ userId, ...stored });
    return this.tokensFor(userId, row.familyId, token);
  }

  private async tokensFor(
    userId: string,
    sessionId: string,
    refreshToken: string,
  ): Promise<TokensResponseDto> {
    const accessToken = await this.accessTokens.sign({ id: userId, sessionId });
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: Math.floor(durationMs(this.config.JWT_EXPIRES_IN) / 1000),
    };
  }
}
