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
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Public } from '../auth/public.decorator';
import { ErrorEnvelopeDto } from '../http/api-errors.decorator';
import { HttpProblem } from '../http/error-envelope';
import { ShutdownCoordinator } from '../shutdown/shutdown.coordinator';
import { NoRateLimit } from '../throttling/rate-limit.decorators';

export const HEALTH_DETAILS = Symbol('HEALTH_DETAILS');

/** One check of the readiness probe (terminus): its status and what it reports. */
const CHECK_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['up', 'down'] } },
  additionalProperties: true,
};

/** Facts the readiness probe reports besides the database (e.g. which model provider runs). */
export interface HealthDetails {
  provider: string;
  warnings: string[];
}

@ApiTags('health')
@Public()
@NoRateLimit()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(HEALTH_DETAILS) private readonly details?: HealthDetails,
    @Optional() private readonly shutdown?: ShutdownCoordinator,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['ok'] } },
      example: { status: 'ok' },
    },
  })
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('api/v1/health')
  // Terminus' own documentation would describe its 503 body; ours is the error envelope.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: the database answers and a model provider is configured' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['status'],
      properties: {
        status: { type: 'string', enum: ['ok'] },
        info: { type: 'object', additionalProperties: CHECK_SCHEMA },
        error: { type: 'object', additionalProperties: CHECK_SCHEMA },
        details: { type: 'object', additionalProperties: CHECK_SCHEMA },
      },
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
    description:
      'The database does not answer, or the service is shutting down (error envelope, details hold each check).',
    type: ErrorEnvelopeDto,
  })
  ready() {
    // While draining, the load balancer must stop sending us new work.
    if (this.shutdown?.draining)
      throw new HttpProblem(503, 'shutting_down', 'The service is shutting down');
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
