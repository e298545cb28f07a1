import createClient, { type Client } from 'openapi-fetch';
import type { ErrorEnvelopeDto, paths } from './api-types';

/** Who the caller is: a bearer token (AUTH_MODE=jwt) or a user id (AUTH_MODE=none). */
export interface ApiAuth {
  /** The bearer token, or a function giving the current one (called for every request). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** AUTH_MODE=none: sent as X-User-Id (absent: the `anonymous` user). */
  userId?: string;
}

export interface ApiClientOptions extends ApiAuth {
  /** The API's origin, e.g. `https://chat.example.com` (empty: same origin). */
  baseUrl?: string;
  /** Another fetch (tests, polyfills); default globalThis.fetch. */
  fetch?: typeof fetch;
}

/**
 * The typed client of the JSON answers (streams go through streamMessage and followAnswer):
 * `client.GET('/api/v1/conversations/{id}', { params: { path: { id } } })`.
 */
export type ApiClient = Client<paths, 'application/json'>;

/** A typed client of the API's JSON routes (openapi-fetch over the generated paths). */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl ?? '',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use({
    async onRequest({ request }) {
      for (const [name, value] of Object.entries(await authHeaders(options))) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      return request;
    },
  });
  return client;
}

/** The headers that carry the caller's identity. */
export async function authHeaders(auth: ApiAuth): Promise<Record<string, string>> {
  const token = typeof auth.token === 'function' ? await auth.token() : auth.token;
  return {
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...(auth.userId ? { 'X-User-Id': auth.userId } : {}),
  };
}

/** An answer outside 2xx, with the API's error envelope when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorEnvelopeDto | undefined,
  ) {
    super(body?.error.message ?? `The API answered ${status}`);
    this.name = 'ApiError';
  }

  /** The envelope's code (`validation_failed`, `provider_throttled`, ...), when there is one. */
  get code(): string | undefined {
    return this.body?.error.code;
  }

  static async from(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '');
    let body: ErrorEnvelopeDto | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (isErrorEnvelope(parsed)) body = parsed;
    } catch {
      body = undefined;
    }
    return new ApiError(response.status, body);
  }
}

function isErrorEnvelope(value: unknown): value is ErrorEnvelopeDto {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}
