import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Response } from 'express';
import helmet from 'helmet';
import { PLATFORM_SETTINGS, PlatformSettings } from '../config/platform-settings';
import { AccessLogMiddleware } from '../logging/access-log.middleware';
import { parseBodyLimit } from './body-limit';
import { HttpProblem } from './error-envelope';
import { jsonBodies } from './json-body.parser';
import type { RequestWithContext } from './request-context';
import { requestIdOf } from './request-id';

/** Headers browsers may read from our answers (request correlation, rate limits). */
const EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

/** The longest path segment routed (an id has at most 128 characters); longer ones are 414. */
export const MAX_PATH_SEGMENT = 1024;

/**
 * What every request goes through before Nest routes it, in this order: its id (echoed), the
 * access log (so its line covers everything after), helmet's headers, CORS (ALLOWED_ORIGINS;
 * preflights are answered here), the 414 check and the JSON body parser (BODY_LIMIT). Errors
 * raised here reach the global exception filter like any other.
 */
export function applyHttpDefaults(app: NestExpressApplication, bodyLimit: string): void {
  const limitBytes = parseBodyLimit(bodyLimit);
  if (limitBytes === null) throw new Error(`BODY_LIMIT is not a size: ${bodyLimit}`);
  const settings = app.get<PlatformSettings>(PLATFORM_SETTINGS, { strict: false });
  app.use((req: RequestWithContext, res: Response, next: NextFunction) => {
    req.id = requestIdOf(req);
    res.setHeader('X-Request-Id', req.id);
    next();
  });
  app.use(app.get(AccessLogMiddleware, { strict: false }).use);
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
  app.use(refuseLongPathSegments);
  app.use(refuseDotSegments);
  app.use(jsonBodies(limitBytes));
}

/** `.` or `..` as a path segment, plain or percent-encoded (`%2e`, and `%2f` as a separator). */
const DOT_SEGMENT = /(^|\/|%2f)(\.|%2e){1,2}(\/|%2f|$)/i;

/**
 * No route has a `.` or `..` segment: such a path is a traversal attempt or a client bug. Refused
 * here, before the static web app or Swagger's assets could resolve it against a folder.
 */
function refuseDotSegments(req: RequestWithContext, _res: Response, next: NextFunction) {
  const path = req.url.split('?')[0];
  if (DOT_SEGMENT.test(path))
    return next(new HttpProblem(400, 'bad_path', 'The path has a "." or ".." segment'));
  next();
}

function refuseLongPathSegments(req: RequestWithContext, _res: Response, next: NextFunction) {
  const path = req.url.split('?')[0];
  if (path.length > MAX_PATH_SEGMENT && path.split('/').some((s) => s.length > MAX_PATH_SEGMENT)) {
    return next(
      new HttpProblem(
        414,
        'uri_too_long',
        `A path segment is longer than ${MAX_PATH_SEGMENT} characters`,
      ),
    );
  }
  next();
}
