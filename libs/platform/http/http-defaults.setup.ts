import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { AccessLogMiddleware } from '../logging/access-log.middleware';

/** Headers browsers may read from our answers (request correlation, rate limits). */
const EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

/**
 * Safe HTTP defaults, applied before any route: access log (first, so its duration covers
 * everything), `trust proxy` (TRUST_PROXY), helmet, CORS from ALLOWED_ORIGINS.
 */
export function applyHttpDefaults(app: NestExpressApplication): void {
  const settings = app.get<PlatformSettings>(PLATFORM_SETTINGS, { strict: false });
  app.use(app.get(AccessLogMiddleware, { strict: false }).use);
  // One hop: req.ip is the address our own proxy saw, which a client cannot forge by sending
  // its own X-Forwarded-For. Off: X-Forwarded-For is ignored.
  app.set('trust proxy', settings.trustProxy ? 1 : false);
  // Express would hash every JSON body for an ETag nobody uses (no client sends If-None-Match to
  // a chat API, and answers change while they stream): a measurable cost per request.
  app.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Swagger UI served over plain http (a dev box, an internal address) would otherwise
        // have its scripts upgraded to https and break.
        directives: { upgradeInsecureRequests: null },
      },
    }),
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
}
