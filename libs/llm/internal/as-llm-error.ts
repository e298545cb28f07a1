import { LlmError, LlmUnavailableError } from '../llm-errors';

/** Keeps an LlmError; wraps anything else as an upstream failure (502). */
export function asLlmError(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LlmUnavailableError(`LLM call failed: ${message}`, undefined, { cause: error });
}
