import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** Metadata key of routes that need no credentials. */
export const IS_PUBLIC = 'platform:public';

/** Marks the OpenAPI operations of public routes, so the document does not ask for a token. */
export const PUBLIC_OPERATION_EXTENSION = 'x-public';

/**
 * Opens a route or every route of a controller to callers without credentials (probes,
 * metrics). Every other route goes through the auth guard.
 */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(IS_PUBLIC, true),
    ApiExtension(PUBLIC_OPERATION_EXTENSION, true),
  ) as MethodDecorator & ClassDecorator;
}
