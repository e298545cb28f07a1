import { describeLlmError, isLlmError, LlmErrorCode, LlmThrottledError } from '@app/llm';
import { HttpProblem } from '@app/platform';

/**
 * The HTTP status of each kind of provider failure. Provider-auth is a 502: the caller did
 * nothing wrong, our credentials did; 499 (client closed request) is only ever logged.
 */
export const LLM_ERROR_HTTP_STATUS: Record<LlmErrorCode, number> = {
  throttled: 429,
  unavailable: 503,
  timeout: 504,
  bad_request: 400,
  provider_auth: 502,
  aborted: 499,
};

/** Provider failures become 429 (with Retry-After), 400, 502, 503 or 504 in the envelope — never a bare 500. */
export function mapLlmError(error: unknown): HttpProblem | undefined {
  if (!isLlmError(error)) return undefined;
  const headers: Record<string, string> = {};
  if (error instanceof LlmThrottledError) {
    headers['Retry-After'] = String(Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000)));
  }
  const { code, message, retryable } = describeLlmError(error);
  return new HttpProblem(LLM_ERROR_HTTP_STATUS[error.code], code, message, { retryable }, headers);
}
