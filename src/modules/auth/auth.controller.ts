import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { CurrentUser, Public, type AuthUser } from '../../platform/auth/auth-user';
import { AccessTokenService, bearerToken } from './access-token.service';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { ApiData } from '../../platform/http/api-docs';
import { AuthRateLimit } from '../../platform/rate-limit';
import {
  AcceptedResponseDto,
  AuthResponseDto,
  ForgotPasswordDto,
  LoginDto,
  RefreshDto,
  RegisterDto,
  ResetPasswordDto,
  TokensResponseDto,
  UpdateMeDto,
  UserResponseDto,
} from './auth.dto';
import { AuthService } from './auth.service';
import { CookieOriginGuard } from './cookie-origin.guard';
import {
  clearRefreshCookie,
  readRefreshCookie,
  REFRESH_COOKIE_HEADER,
  setRefreshCookie,
  wantsRefreshCookie,
} from './refresh-cookie';

const CookieHeader = () =>
  ApiHeader({
    name: REFRESH_COOKIE_HEADER,
    required: false,
    enum: ['1'],
    description:
      'The console: set the refresh token as an HttpOnly cookie (Path=/api/v1/auth), not in the body',
  });

@ApiTags('auth')
@Controller('auth')
@UseGuards(CookieOriginGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: AccessTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @AuthRateLimit()
  @Post('register')
  @CookieHeader()
  @ApiOperation({
    summary: 'Create an account and a team owned by it, or with invitationToken join the inviting team',
  })
  @ApiData(AuthResponseDto, 201)
  async register(
    @Body() dto: RegisterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto> {
    return this.deliver(request, reply, await this.auth.register(dto), wantsRefreshCookie(request));
  }

  @Public()
  @AuthRateLimit()
  @Post('login')
  @HttpCode(200)
  @CookieHeader()
  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiData(AuthResponseDto)
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto> {
    return this.deliver(request, reply, await this.auth.login(dto), wantsRefreshCookie(request));
  }

  @Public()
  @AuthRateLimit()
  @Post('refresh')
  @HttpCode(200)
  @CookieHeader()
  @ApiOperation({
    summary: 'Exchange a refresh token (the body, or else the console cookie) for new tokens; rotates it',
  })
  @ApiData(TokensResponseDto)
  async refresh(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokensResponseDto> {
    const cookie = dto.refreshToken === undefined ? readRefreshCookie(request) : undefined;
    const token = dto.refreshToken ?? cookie;
    if (!token) {
      throw new AppError(
        ErrorCode.REFRESH_TOKEN_INVALID,
        'No refresh token in the body or the session cookie',
      );
    }
    try {
      const tokens = await this.auth.refresh(token, cookie ? 'cookie' : 'body');
      // A token that came from the cookie goes back into it, never into a body scripts can read.
      return this.deliver(request, reply, tokens, Boolean(cookie) || wantsRefreshCookie(request));
    } catch (err) {
      // A dead cookie is dropped; a just-rotated one is left alone (the browser holds its successor).
      if (cookie && err instanceof AppError && err.code !== ErrorCode.REFRESH_TOKEN_ROTATED) {
        clearRefreshCookie(this.config, request, reply);
      }
      throw err;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'End this session (revokes its refresh tokens and access tokens; clears the console cookie). ' +
      'Without a bearer token, ends the session of the console cookie',
  })
  @ApiNoContentResponse()
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const bearer = bearerToken(request.headers.authorization);
    const cookie = readRefreshCookie(request);
    if (bearer) await this.auth.logout(await this.tokens.verify(bearer));
    else if (cookie) await this.auth.logoutByRefreshToken(cookie);
    else throw new AppError(ErrorCode.UNAUTHENTICATED, 'Missing bearer token or session cookie');
    clearRefreshCookie(this.config, request, reply);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiData(UserResponseDto)
  me(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return this.auth.me(user);
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your name or your email notification switches' })
  @ApiData(UserResponseDto)
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserResponseDto> {
    return this.auth.updateMe(user, dto);
  }

  @Public()
  @AuthRateLimit()
  @Post('password/forgot')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mail a password reset link (valid 1 hour) if an account has this email; always 202',
  })
  @ApiData(AcceptedResponseDto, 202)
  async forgotPassword(@Body() dto: ForgotPasswordDto): Promise<AcceptedResponseDto> {
    await this.auth.forgotPassword(dto.email);
    return { accepted: true };
  }

  @Public()
  @AuthRateLimit()
  @Post('password/reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset token (once); ends every session of the user' })
  @ApiNoContentResponse()
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.auth.resetPassword(dto.token, dto.password);
  }

  /** The tokens as asked: the refresh token in the body, or set as the HttpOnly cookie instead. */
  private deliver<T extends TokensResponseDto>(
    request: FastifyRequest,
    reply: FastifyReply,
    tokens: T,
    asCookie: boolean,
  ): T {
    if (!asCookie || !tokens.refreshToken) return tokens;
    setRefreshCookie(this.config, request, reply, tokens.refreshToken, this.auth.refreshTokenLifetimeMs);
    const { refreshToken: _inCookie, ...rest } = tokens;
    return rest as T;
  }
}
