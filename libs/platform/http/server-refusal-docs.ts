import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from '../auth/public.decorator';
import { MAX_PATH_SEGMENT } from './http-defaults.setup';

const ERROR_ENVELOPE = '#/components/schemas/ErrorEnvelopeDto';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Documents the refusals applyHttpDefaults makes before any route runs, on the operations they
 * reach: 414 for a path parameter over MAX_PATH_SEGMENT characters; 413 and 415 for a body; and
 * 503 `database_unavailable` wherever the caller is authenticated (API keys are looked up there).
 */
export function documentServerRefusals(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const add = (status: string, description: string) =>
        (operation.responses[status] ??= {
          description,
          content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
        });
      if (path.includes('{')) {
        add('414', `A path segment is longer than ${MAX_PATH_SEGMENT} characters`);
      }
      if (!(PUBLIC_OPERATION_EXTENSION in operation)) {
        add('503', 'A dependency is unavailable (database_unavailable: retry shortly)');
      }
      if (operation.requestBody) {
        add('413', 'Body too large (BODY_LIMIT)');
        add('415', 'Unsupported media type: bodies are application/json');
      }
    }
  }
  return document;
}
