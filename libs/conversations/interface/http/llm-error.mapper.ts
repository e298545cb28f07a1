import { describeLlmError, isLlmError, LlmThrottledError } from '@app/llm';
import { HttpProblem } from '@app/platform';

/** Provider failures become 429 (with Retry-After), 400, 502, 503 or 504 in the envelope — never a bare 500. */
export function mapLlmError(error: unknown): HttpProblem | undefined {
  if (!isLlmError(error)) return undefined;
  const headers: Record<string, string> = {};
  if (error instanceof LlmThrottledError) {
    headers['Retry-After'] = String(Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000)));
  }
  const { code, message, retryable } = describeLlmError(error);
  return new HttpProblem(
    error.code === 'aborted' ? 499 : error.httpStatus,
    code,
    message,
    { retryable },
    headers,
  );
}
