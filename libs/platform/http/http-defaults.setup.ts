import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, HookHandlerDoneFunction } from 'fastify';
import helmet from 'helmet';
import { AuthHook } from '../auth/auth.hook';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { AccessLogHook } from '../logging/access-log.hook';
import type { RequestWithContext } from './request-context';

/** Headers browsers may read from our answers (request correlation, rate limits). */
const EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

/**
 * What every request goes through before its route, as Fastify onRequest hooks in this order:
 * the access log (so its duration covers the rest), X-Request-Id echoed and helmet's headers,
 * then authentication. Nest's CORS hook (ALLOWED_ORIGINS) runs before all of them, so preflights
 * are answered first. Headers are set on the raw response so that streamed (hijacked) answers
 * carry them too.
 */
export function applyHttpDefaults(app: NestFastifyApplication): void {
  const settings = app.get<PlatformSettings>(PLATFORM_SETTINGS, { strict: false });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', app.get(AccessLogHook, { strict: false }).onRequest);
  const secureHeaders = helmet({
    contentSecurityPolicy: {
      // Swagger UI served over plain http (a dev box, an internal address) would otherwise
      // have its scripts upgraded to https and break.
      directives: { upgradeInsecureRequests: null },
    },
  });
  fastify.addHook(
    'onRequest',
    (req: RequestWithContext, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      reply.raw.setHeader('X-Request-Id', req.id);
      secureHeaders(req.raw, reply.raw, (error) => done(error as Error | undefined));
    },
  );
  const origins = settings.allowedOrigins;
  if (origins.length) {
    const any = origins.includes('*');
    app.enableCors({
      origin: any ? '*' : origins,
      credentials: !any,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
  fastify.addHook('onRequest', app.get(AuthHook, { strict: false }).onRequest);
}
