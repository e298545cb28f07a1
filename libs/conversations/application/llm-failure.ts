import { isLlmError, LlmErrorCode } from '@app/llm';
import type { MessageError } from '../domain';

/** One vocabulary for provider failures: stored on failed turns, sent in SSE `error` events and HTTP errors. */
export const FAILURE_CODES: Record<LlmErrorCode, string> = {
  throttled: 'provider_throttled',
  unavailable: 'provider_unavailable',
  timeout: 'provider_timeout',
  bad_request: 'provider_rejected',
  provider_auth: 'provider_auth',
  aborted: 'cancelled',
};

const MESSAGES: Record<LlmErrorCode, string> = {
  throttled: 'The model provider is throttling requests; retry after the indicated time',
  unavailable: 'The model provider is unavailable; retry shortly',
  timeout: 'The model provider did not answer in time',
  bad_request: 'The model provider rejected the request',
  provider_auth: 'The service could not authenticate with the model provider',
  aborted: 'The request was cancelled',
};

export function describeLlmFailure(error: unknown): MessageError {
  if (!isLlmError(error))
    return { code: 'internal_error', message: 'The answer could not be produced', retryable: true };
  const message =
    error.code === 'bad_request'
      ? `${MESSAGES.bad_request}: ${error.message}`
      : MESSAGES[error.code];
  return { code: FAILURE_CODES[error.code], message, retryable: error.retryable };
}
