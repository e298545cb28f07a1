import { HttpProblem } from '@app/platform';
import { ServiceUnavailableError } from '../../application/service-unavailable.error';

/** A dependency down for now: 503 with Retry-After, so clients and proxies retry instead of failing. */
export function mapUnavailableError(error: unknown): HttpProblem | undefined {
  if (!(error instanceof ServiceUnavailableError)) return undefined;
  return new HttpProblem(
    503,
    error.code,
    error.message,
    { retryable: true },
    { 'Retry-After': String(error.retryAfterSeconds) },
  );
}
