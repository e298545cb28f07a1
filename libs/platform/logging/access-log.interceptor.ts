import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { Observable } from 'rxjs';
import type { RequestWithContext } from '../http/request-context';

const joinPaths = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * Notes the matched route on the request's access line: its pattern as the controller declares
 * it and the handler that served it. The line itself is written by the access-log middleware
 * when the response ends (a stream: when it ends), so requests refused before any route still
 * get one line, and a stream gets exactly one.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<RequestWithContext>();
      const matched = (req as { route?: { path?: unknown } }).route?.path;
      req.routePattern =
        typeof matched === 'string'
          ? matched
          : joinPaths(
              String(Reflect.getMetadata(PATH_METADATA, context.getClass()) ?? ''),
              String(Reflect.getMetadata(PATH_METADATA, context.getHandler()) ?? ''),
            );
      req.logFields = Object.assign(req.logFields ?? {}, {
        handler: `${context.getClass().name}.${context.getHandler().name}`,
      });
    }
    return next.handle();
  }
}
