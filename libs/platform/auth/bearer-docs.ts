import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from './public.decorator';

const ERROR_ENVELOPE = '#/components/schemas/ErrorEnvelopeDto';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** The OpenAPI security scheme of AUTH_MODE=none: the caller names itself in X-User-Id. */
export const USER_ID_SCHEME = 'userId';

/**
 * Marks every operation except the `@Public()` ones as needing the bearer scheme, so Swagger UI
 * sends the token it was given. Done on the document rather than with @ApiBearerAuth() on each
 * controller, so new controllers are covered without remembering it.
 */
export function applyBearerSecurity(document: OpenAPIObject, scheme = 'bearer'): OpenAPIObject {
  return applySecurity(document, [{ [scheme]: [] }], {
    status: '401',
    description: 'Missing or invalid credentials (WWW-Authenticate: Bearer)',
  });
}

/**
 * Describes the configured auth mode: a bearer token (JWT) with AUTH_MODE=jwt; with
 * AUTH_MODE=none an optional X-User-Id header (absent: the `anonymous` user).
 */
export function applyApiSecurity(
  document: OpenAPIObject,
  mode: 'none' | 'jwt' | string,
): OpenAPIObject {
  const components = (document.components ??= {});
  components.securitySchemes ??= {};
  if (mode === 'jwt') {
    components.securitySchemes.bearer = { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' };
    return applyBearerSecurity(document);
  }
  components.securitySchemes[USER_ID_SCHEME] = {
    type: 'apiKey',
    in: 'header',
    name: 'X-User-Id',
    description:
      'Optional: the caller, matching ^[A-Za-z0-9._:@|+-]{1,128}$ (absent: `anonymous`); any other value is a 400',
  };
  // An empty requirement first: the header may be left out.
  return applySecurity(document, [{}, { [USER_ID_SCHEME]: [] }], {
    status: '400',
    description: 'Validation failed, or an X-User-Id that does not match the pattern',
  });
}

/** The answer every secured operation may give when the caller's credentials are refused. */
interface RefusalResponse {
  status: string;
  description: string;
}

function applySecurity(
  document: OpenAPIObject,
  requirements: Record<string, string[]>[],
  refusal: RefusalResponse,
): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as
        (NonNullable<(typeof item)[typeof method]> & Record<string, unknown>) | undefined;
      if (!operation) continue;
      if (operation[PUBLIC_OPERATION_EXTENSION]) {
        delete operation[PUBLIC_OPERATION_EXTENSION];
      } else if (!operation.security) {
        operation.security = requirements;
        operation.responses[refusal.status] ??= {
          description: refusal.description,
          content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
        };
      }
    }
  }
  return document;
}
