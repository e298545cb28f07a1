import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { retryAfterMsFrom } from '../bedrock/bedrock-error.mapper';
import {
  LlmAbortedError,
  LlmAuthError,
  LlmBadRequestError,
  LlmError,
  LlmThrottledError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../llm-errors';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** `retry-after-ms` (OpenAI), else `retry-after` (seconds or HTTP date). */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  return retryAfterMsFrom({ 'retry-after': headers.get('retry-after') ?? undefined });
}

function byStatus(status: number, error: APIError, message: string): LlmError {
  const name = `HTTP ${status}`;
  const options = { cause: error };
  if (status === 429) {
    // A spent billing quota is our account's problem, not a passing limit.
    if (error.code === 'insufficient_quota') return new LlmAuthError(message, name, options);
    return new LlmThrottledError(message, retryAfterMs(error.headers), name, options);
  }
  if (status === 408 || status === 504) return new LlmTimeoutError(message, name, options);
  if (status === 401 || status === 403) return new LlmAuthError(message, name, options);
  if (status >= 400 && status < 500) return new LlmBadRequestError(message, name, options);
  return new LlmUnavailableError(message, name, options);
}

/** An error sent inside a stream (`data: {"error": …}`): no HTTP status, read its body. */
function byBody(error: APIError, message: string): LlmError {
  const body = isObject(error.error) ? error.error : {};
  if (typeof body.code === 'number' && body.code >= 400) return byStatus(body.code, error, message);
  const words = `${String(body.type ?? '')} ${String(body.code ?? '')}`.toLowerCase();
  const name = String(body.type ?? body.code ?? 'StreamError');
  if (words.includes('rate_limit'))
    return new LlmThrottledError(message, undefined, name, { cause: error });
  if (words.includes('timeout')) return new LlmTimeoutError(message, name, { cause: error });
  return new LlmUnavailableError(message, name, { cause: error });
}

/**
 * Maps what the `openai` SDK or the transport throws to the port's error classes.
 * `signal` tells a caller's abort apart from a transport failure that merely looks like one.
 */
export function mapOpenAiError(error: unknown, signal?: AbortSignal): LlmError {
  if (error instanceof LlmError) return error;
  if (signal?.aborted || error instanceof APIUserAbortError) {
    return new LlmAbortedError('The LLM call was aborted', undefined, { cause: error });
  }
  const raw = error instanceof Error ? error.message : String(error);
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmTimeoutError(`OpenAI-compatible call timed out: ${raw}`, 'ConnectionTimeout', {
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new LlmUnavailableError(`OpenAI-compatible server unreachable${cause}`, 'Connection', {
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const message = `OpenAI-compatible ${error.status ?? 'stream'} error: ${raw}`;
    return error.status !== undefined
      ? byStatus(error.status, error, message)
      : byBody(error, message);
  }
  // A body that is not JSON (SyntaxError), a dropped connection ("terminated"), anything else:
  // the upstream answer was unusable.
  const name = error instanceof Error ? error.name : 'Error';
  return new LlmUnavailableError(`OpenAI-compatible answer unusable: ${raw}`, name, {
    cause: error,
  });
}
