import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { HttpProblem } from '../http/error-envelope';
import { NoRateLimit } from '../throttling/rate-limit.decorators';
import { Metrics } from './metrics.service';

/** Prometheus scrape endpoint; open (no auth, no rate limit): keep it off the public ingress. */
@ApiExcludeController()
@Public()
@NoRateLimit()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(PLATFORM_SETTINGS) private readonly settings: PlatformSettings,
  ) {}

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    if (!this.settings.metricsEnabled)
      throw new HttpProblem(404, 'not_found', 'Metrics are disabled (METRICS_ENABLED=false)');
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    res.send(body);
  }
}
