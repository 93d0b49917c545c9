import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { Public } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-codes';
import type { Database } from '../../db/database';
import { DATABASE } from '../../db/database.module';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and database state; 503 when the database is unreachable' })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.databaseState()]);
    } catch (err) {
      // Terminus reports "down" as a bare 503; say what is down in the usual envelope.
      if (!(err instanceof ServiceUnavailableException)) throw err;
      const { error = {} } = err.getResponse() as Partial<HealthCheckResult>;
      const details = Object.entries(error).map(([path, state]) => ({
        path,
        message: String(state?.message ?? state?.status ?? 'down'),
      }));
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'A dependency is down', details);
    }
  }

  private async databaseState() {
    const check = this.indicator.check('database');
    try {
      await this.database.ping();
      return check.up({ driver: this.database.driver });
    } catch (err) {
      return check.down({ driver: this.database.driver, message: (err as Error).message });
    }
  }
}
