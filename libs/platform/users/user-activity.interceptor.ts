import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { IS_PUBLIC } from '../auth/public.decorator';
import type { RequestWithContext } from '../http/request-context';
import { UserActivity } from './user-activity';

/**
 * Tells UserActivity about every authenticated request the guards let through; public routes
 * (probes, shares) are not a user's activity.
 */
@Injectable()
export class UserActivityInterceptor implements NestInterceptor {
  constructor(
    private readonly activity: UserActivity,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (context.getType() === 'http' && !isPublic) {
      const user = context.switchToHttp().getRequest<RequestWithContext>().user;
      if (user) this.activity.seen(user);
    }
    return next.handle();
  }
}
