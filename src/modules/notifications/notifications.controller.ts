import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { Public } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { ApiData } from '../../platform/http/api-docs';
import { UnsubscribeParamsDto, UnsubscribedResponseDto } from './notifications.dto';
import { NotificationsRepository } from './notifications.repository';
import { visitorOfUnsubscribeToken } from './unsubscribe-token';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly repo: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The link (and List-Unsubscribe header) of a continuity mail; signed, so it needs no login. */
  @Public()
  @Get('unsubscribe/:token')
  @ApiOperation({ summary: 'Stop conversation continuity mails to the visitor of an unsubscribe link' })
  @ApiData(UnsubscribedResponseDto)
  async unsubscribe(@Param() params: UnsubscribeParamsDto): Promise<UnsubscribedResponseDto> {
    const visitorId = visitorOfUnsubscribeToken(this.config.JWT_SECRET, params.token);
    if (!visitorId || !(await this.repo.optOutVisitor(visitorId))) {
      throw new AppError(ErrorCode.UNSUBSCRIBE_TOKEN_INVALID, 'This unsubscribe link is not valid');
    }
    return { unsubscribed: true };
  }
}
