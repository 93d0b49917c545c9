import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { Public } from '../../common/auth/auth-user';
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
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.databaseState()]);
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
