import type { OpenAPIObject } from '@nestjs/swagger';
import { isOpenPath } from './open-paths';

/**
 * Marks every operation except the open ones (health, docs, metrics) as needing the bearer
 * scheme, so Swagger UI sends the token it was given. Done on the document rather than with
 * @ApiBearerAuth() on each controller, so new controllers are covered without remembering it.
 */
export function applyBearerSecurity(document: OpenAPIObject, scheme = 'bearer'): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    if (isOpenPath(path)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const) {
      const operation = item[method];
      if (operation && !operation.security) operation.security = [{ [scheme]: [] }];
    }
  }
  return document;
}
