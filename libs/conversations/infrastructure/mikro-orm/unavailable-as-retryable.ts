import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@app/platform';
import { ServiceUnavailableError } from '../../application/service-unavailable.error';

/** Rethrows a database outage as the application's retryable error; anything else as it is. */
export function unavailableAsRetryable(error: unknown): never {
  if (isDatabaseUnavailable(error))
    throw new ServiceUnavailableError(
      'database_unavailable',
      'The database is unavailable; retry shortly',
      DATABASE_RETRY_AFTER_SECONDS,
    );
  throw error;
}
