import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import {
  LlmAbortedError,
  LlmAuthError,
  LlmBadRequestError,
  LlmThrottledError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../llm-errors';
import { mapOpenAiError } from './openai-error.mapper';

const http = (status: number, body: object = {}, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message: 'x', ...body } }, undefined, new Headers(headers));

describe('mapOpenAiError', () => {
  it.each([
    [400, LlmBadRequestError, false],
    [404, LlmBadRequestError, false],
    [422, LlmBadRequestError, false],
    [401, LlmAuthError, false],
    [403, LlmAuthError, false],
    [408, LlmTimeoutError, true],
    [504, LlmTimeoutError, true],
    [429, LlmThrottledError, true],
    [500, LlmUnavailableError, true],
    [502, LlmUnavailableError, true],
    [503, LlmUnavailableError, true],
  ])('HTTP %i -> %p (retryable: %p)', (status, type, retryable) => {
    const error = mapOpenAiError(http(status));
    expect(error).toBeInstanceOf(type);
    expect(error.retryable).toBe(retryable);
  });

  it('reads retry-after-ms, then retry-after', () => {
    const ms = mapOpenAiError(http(429, {}, { 'retry-after-ms': '1500' })) as LlmThrottledError;
    expect(ms.retryAfterMs).toBe(1500);
    const s = mapOpenAiError(http(429, {}, { 'retry-after': '3' })) as LlmThrottledError;
    expect(s.retryAfterMs).toBe(3000);
  });

  it('an exhausted billing quota is our account, not a passing limit', () => {
    const error = mapOpenAiError(http(429, { code: 'insufficient_quota' }));
    expect(error).toBeInstanceOf(LlmAuthError);
  });

  it('maps errors sent inside a stream by their body', () => {
    const inStream = (body: object) => new APIError(undefined, body, undefined, undefined);
    expect(mapOpenAiError(inStream({ type: 'x', code: 429 }))).toBeInstanceOf(LlmThrottledError);
    expect(mapOpenAiError(inStream({ type: 'rate_limit_exceeded' }))).toBeInstanceOf(
      LlmThrottledError,
    );
    expect(mapOpenAiError(inStream({ type: 'server_error' }))).toBeInstanceOf(LlmUnavailableError);
    expect(mapOpenAiError(inStream({ code: 400 }))).toBeInstanceOf(LlmBadRequestError);
  });

  it('maps transport failures and aborts', () => {
    expect(mapOpenAiError(new APIConnectionTimeoutError())).toBeInstanceOf(LlmTimeoutError);
    const refused = mapOpenAiError(
      new APIConnectionError({ cause: new Error('connect ECONNREFUSED 127.0.0.1:1') }),
    );
    expect(refused).toBeInstanceOf(LlmUnavailableError);
    expect(refused.message).toContain('ECONNREFUSED');
    expect(mapOpenAiError(new APIUserAbortError())).toBeInstanceOf(LlmAbortedError);
    const controller = new AbortController();
    controller.abort();
    expect(mapOpenAiError(new TypeError('terminated'), controller.signal)).toBeInstanceOf(
      LlmAbortedError,
    );
    const unusable = mapOpenAiError(new SyntaxError('Unexpected token <'));
    expect(unusable).toBeInstanceOf(LlmUnavailableError);
    expect(unusable.code).toBe('unavailable');
  });
});
