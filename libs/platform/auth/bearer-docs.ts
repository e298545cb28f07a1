import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from './public.decorator';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/**
 * Marks every operation except the `@Public()` ones as needing the bearer scheme, so Swagger UI
 * sends the token it was given. Done on the document rather than with @ApiBearerAuth() on each
 * controller, so new controllers are covered without remembering it.
 */
export function applyBearerSecurity(document: OpenAPIObject, scheme = 'bearer'): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as
        (NonNullable<(typeof item)[typeof method]> & Record<string, unknown>) | undefined;
      if (!operation) continue;
      if (operation[PUBLIC_OPERATION_EXTENSION]) {
        delete operation[PUBLIC_OPERATION_EXTENSION];
      } else if (!operation.security) {
        operation.security = [{ [scheme]: [] }];
      }
    }
  }
  return document;
}
