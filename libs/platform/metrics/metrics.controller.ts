import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { HttpProblem } from '../http/error-envelope';
import { NoRateLimit } from '../throttling/rate-limit.decorators';
import { Metrics } from './metrics.service';

/** Prometheus scrape endpoint; open (no auth, no rate limit): keep it off the public ingress. */
@ApiExcludeController()
@NoRateLimit()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings,
  ) {}

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    if (!this.settings.metricsEnabled)
      throw new HttpProblem(404, 'not_found', 'Metrics are disabled (METRICS_ENABLED=false)');
    const { contentType, body } = await this.metrics.render();
    await reply.header('Content-Type', contentType).send(body);
  }
}
