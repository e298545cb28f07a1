import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import type { RequestWithContext } from '../http/request-context';
import { Metrics } from '../metrics/metrics.service';
import { ROOT_LOGGER } from './root-logger.token';

/** Route label for requests no route matched (404s, bodies refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route pattern (`/api/v1/conversations/:id`), never the raw URL with its ids. */
export function routePattern(req: RequestWithContext): string {
  if (req.routePattern) return req.routePattern;
  // Refused by a guard: Express matched the route, the interceptor did not run.
  const route = (req as { route?: { path?: unknown } }).route;
  if (!route || typeof route.path !== 'string') return UNMATCHED_ROUTE;
  return `${req.baseUrl ?? ''}${route.path}` || '/';
}

/**
 * Writes one access line per request, when its response is over: on 'finish' (fully sent; for
 * an SSE/NDJSON stream, when the stream ends), or on 'close' when the connection went away
 * first. Registered before everything else, so requests that never reach a route (404s, 413,
 * 415, guards refusing) get their line too; the access-log interceptor adds the route's facts.
 * Also feeds the HTTP duration histogram.
 */
@Injectable()
export class AccessLogMiddleware {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  readonly use = (req: RequestWithContext, res: Response, next: NextFunction): void => {
    const startedAt = process.hrtime.bigint();
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      const route = routePattern(req);
      const status = res.statusCode;
      const aborted = !res.writableFinished;
      this.metrics.observeHttp(req.method, route, status, durationMs);
      // The request's own facts last: keys added after a spread take V8's slow path (Node 20).
      const line = {
        requestId: req.id,
        method: req.method,
        route,
        // No route matched (404, or refused before routing): the raw path is all we have.
        ...(route === UNMATCHED_ROUTE ? { path: req.originalUrl.split('?')[0] } : {}),
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        userId: req.user?.id,
        ...(aborted ? { aborted: true } : {}),
        ...req.logFields,
      };
      const level = status >= 500 ? 'error' : 'info';
      this.logger[level](line, `${req.method} ${route} ${status}`);
    };
    // One tick later: a handler that ends a stream and then notes its token counts (a promise
    // callback) still gets them into the line.
    const later = () => setImmediate(write);
    res.once('finish', later);
    res.once('close', later);
    next();
  };
}
