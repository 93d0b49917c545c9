import { Controller, Get, Header, Inject, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { HealthResponseDto } from './health.dto';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import type { Database } from '../../db/database';
import { DATABASE } from '../../db/database.module';

/** What a load balancer is told to wait before asking again after a 503. */
const RETRY_AFTER_S = '5';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-cache, no-store, must-revalidate')
  @ApiOperation({ summary: 'Liveness and database state; 503 when the database is unreachable' })
  @ApiData(HealthResponseDto)
  @ApiServiceUnavailableResponse({
    description: 'SERVICE_UNAVAILABLE; `error.details` names what is down (`path`), e.g. `database`',
  })
  async check(): Promise<Pick<HealthCheckResult, 'status' | 'info'>> {
    try {
      const { status, info } = await this.health.check([() => this.databaseState()]);
      return { status, info };
    } catch (err) {
      // Terminus reports "down" as a bare 503; say what is down in the usual envelope.
      if (!(err instanceof ServiceUnavailableException)) throw err;
      const { error = {} } = err.getResponse() as Partial<HealthCheckResult>;
      const details = Object.entries(error).map(([path, state]) => ({
        path,
        message: String(state?.status ?? 'down'),
      }));
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'A dependency is down', details, {
        'retry-after': RETRY_AFTER_S,
      });
    }
  }

  private async databaseState() {
    const check = this.indicator.check('database');
    try {
      await this.database.ping();
      return check.up({ driver: this.database.driver });
    } catch (err) {
      // The cause goes to the log only: this route is public, and driver messages name hosts and ports.
      this.logger.warn(`database health check failed: ${(err as Error).message}`);
      return check.down({ driver: this.database.driver });
    }
  }
}
