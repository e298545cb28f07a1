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
  return applySecurity(
    document,
    [{ [scheme]: [] }],
    [{ status: '401', description: 'Missing or invalid credentials (WWW-Authenticate: Bearer)' }],
  );
}

/** The OpenAPI security scheme of API keys sent as `x-api-key` (they also go as a bearer value). */
export const API_KEY_SCHEME = 'apiKey';

/**
 * Describes the configured auth mode. AUTH_MODE=jwt: a bearer JWT; AUTH_MODE=api-key: an API key;
 * both as `Authorization: Bearer` or (keys only) `x-api-key`. AUTH_MODE=none: an optional
 * X-User-Id header (absent: the `anonymous` user); an API key is accepted there too.
 */
export function applyApiSecurity(document: OpenAPIObject, mode: string): OpenAPIObject {
  const schemes = ((document.components ??= {}).securitySchemes ??= {});
  schemes.bearer = {
    type: 'http',
    scheme: 'bearer',
    ...(mode === 'jwt' ? { bearerFormat: 'JWT' } : {}),
    description:
      mode === 'jwt'
        ? 'A JWT (its `sub` is the user), or an API key (sk-cb-...)'
        : 'An API key (sk-cb-...)',
  };
  schemes[API_KEY_SCHEME] = {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description: 'An API key (sk-cb-...)',
  };
  const keys: Record<string, string[]>[] = [{ bearer: [] }, { [API_KEY_SCHEME]: [] }];
  if (mode !== 'none') {
    return applySecurity(document, keys, [
      { status: '401', description: 'Missing or invalid credentials (WWW-Authenticate: Bearer)' },
    ]);
  }
  schemes[USER_ID_SCHEME] = {
    type: 'apiKey',
    in: 'header',
    name: 'X-User-Id',
    description:
      'Optional: the caller, matching ^[A-Za-z0-9._:@|+-]{1,128}$ (absent: `anonymous`); any other value is a 400',
  };
  // An empty requirement first: no header at all is fine.
  return applySecurity(
    document,
    [{}, { [USER_ID_SCHEME]: [] }, ...keys],
    [
      {
        status: '400',
        description: 'Validation failed, or an X-User-Id that does not match the pattern',
      },
      { status: '401', description: 'An invalid API key' },
    ],
  );
}

/** The answer every secured operation may give when the caller's credentials are refused. */
interface RefusalResponse {
  status: string;
  description: string;
}

function applySecurity(
  document: OpenAPIObject,
  requirements: Record<string, string[]>[],
  refusals: RefusalResponse[],
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
        for (const refusal of refusals) {
          operation.responses[refusal.status] ??= {
            description: refusal.description,
            content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } },
          };
        }
      }
    }
  }
  return document;
}
