import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, HookHandlerDoneFunction } from 'fastify';
import type { Logger } from 'pino';
import type { RequestWithContext } from '../http/request-context';
import { Metrics } from '../metrics/metrics.service';
import { ROOT_LOGGER } from './root-logger.token';

/** Route label for requests no route matched (404s, auth failures before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route pattern (`/api/v1/conversations/:id`), never the raw URL with its ids. */
export function routePattern(req: RequestWithContext): string {
  // Fastify routes before the first hook runs; the not-found handler has no pattern.
  return req.is404 ? UNMATCHED_ROUTE : (req.routeOptions.url ?? UNMATCHED_ROUTE);
}

/**
 * Writes one access line per request, when its response is over: on 'finish' (fully sent; for
 * an SSE/NDJSON stream, when the stream ends), or on 'close' when the connection went away
 * first. Never per event. Also feeds the HTTP duration histogram. Watches the raw response, so
 * streamed (hijacked) replies are logged like the others.
 */
@Injectable()
export class AccessLogHook {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  readonly onRequest = (
    req: RequestWithContext,
    reply: FastifyReply,
    done: HookHandlerDoneFunction,
  ): void => {
    const startedAt = process.hrtime.bigint();
    const res = reply.raw;
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
        ...(route === UNMATCHED_ROUTE ? { path: req.url.split('?')[0] } : {}),
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
    done();
  };
}
