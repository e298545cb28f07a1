import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '../http/api-errors.decorator';
import { HttpProblem } from '../http/error-envelope';
import type { RequestWithContext } from '../http/request-context';

/** Lets through callers whose id is listed in ADMIN_USER_IDS (comma-separated); else 403. */
@Injectable()
export class AdminOnlyGuard implements CanActivate {
  private readonly admins: Set<string>;

  constructor(config: ConfigService) {
    const listed = config.get<string>('ADMIN_USER_IDS') ?? '';
    this.admins = new Set(
      listed
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    );
  }

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<RequestWithContext>().user;
    if (user && this.admins.has(user.id)) return true;
    throw new HttpProblem(403, 'forbidden', 'This route is for administrators');
  }
}

/** Restricts a route or controller to administrators, and documents the 403. */
export function AdminOnly(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(AdminOnlyGuard),
    ApiResponse({ status: 403, description: 'Not an administrator', type: ErrorEnvelopeDto }),
  ) as MethodDecorator & ClassDecorator;
}
