import { Controller, Get, Inject, Optional } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  MikroOrmHealthIndicator,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';

export const HEALTH_DETAILS = Symbol('HEALTH_DETAILS');

/** Facts the readiness probe reports besides the database (e.g. which model provider runs). */
export interface HealthDetails {
  provider: string;
  warnings: string[];
}

@ApiTags('health')
@SkipThrottle()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(HEALTH_DETAILS) private readonly details?: HealthDetails,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('api/v1/health')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers and a model provider is configured' })
  @ApiOkResponse({
    schema: {
      example: {
        status: 'ok',
        info: {
          database: { status: 'up' },
          provider: { status: 'up', name: 'bedrock', warnings: [] },
        },
      },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'The database does not answer (error envelope, details hold each check).',
  })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () =>
        this.indicators.check('provider').up({
          name: this.details?.provider ?? 'unknown',
          warnings: this.details?.warnings ?? [],
        }),
    ]);
  }
}
