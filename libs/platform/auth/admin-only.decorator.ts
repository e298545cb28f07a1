import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '../http/api-errors.decorator';

/** Metadata key of routes only administrators may call. */
export const IS_ADMIN_ONLY = 'platform:admin-only';

/** Marks the OpenAPI operations of admin routes (kept in the document for clients and tests). */
export const ADMIN_OPERATION_EXTENSION = 'x-admin-only';

/**
 * Restricts a route or every route of a controller to administrators: the auth guard answers
 * 403 `forbidden` in the error envelope to any other authenticated caller (401 still comes first
 * for a caller without valid credentials).
 */
export function AdminOnly(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(IS_ADMIN_ONLY, true),
    ApiExtension(ADMIN_OPERATION_EXTENSION, true),
    ApiResponse({
      status: 403,
      description: 'The caller is authenticated but not an administrator',
      type: ErrorEnvelopeDto,
    }),
  ) as MethodDecorator & ClassDecorator;
}
