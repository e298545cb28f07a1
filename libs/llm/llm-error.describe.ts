import { isLlmError, LlmErrorCode } from './llm-errors';

/** A provider failure as callers see it: stored on failed turns, in SSE/NDJSON error events and HTTP errors. */
export interface LlmFailureDescription {
  code: string;
  message: string;
  retryable: boolean;
}

/** One vocabulary for provider failures across every API of the service. */
export const LLM_FAILURE_CODES: Record<LlmErrorCode, string> = {
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

export function describeLlmError(error: unknown): LlmFailureDescription {
  if (!isLlmError(error)) {
    return { code: 'internal_error', message: 'The answer could not be produced', retryable: true };
  }
  const message =
    error.code === 'bad_request'
      ? `${MESSAGES.bad_request}: ${error.message}`
      : MESSAGES[error.code];
  return { code: LLM_FAILURE_CODES[error.code], message, retryable: error.retryable };
}
