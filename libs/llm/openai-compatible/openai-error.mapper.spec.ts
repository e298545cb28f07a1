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
    [400, LlmBadRequestError, 400],
    [404, LlmBadRequestError, 400],
    [422, LlmBadRequestError, 400],
    [401, LlmAuthError, 502],
    [403, LlmAuthError, 502],
    [408, LlmTimeoutError, 504],
    [504, LlmTimeoutError, 504],
    [429, LlmThrottledError, 429],
    [500, LlmUnavailableError, 502],
    [502, LlmUnavailableError, 502],
    [503, LlmUnavailableError, 503],
  ])('HTTP %i -> %p (%i)', (status, type, httpStatus) => {
    const error = mapOpenAiError(http(status));
    expect(error).toBeInstanceOf(type);
    expect(error.httpStatus).toBe(httpStatus);
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
    expect(unusable.httpStatus).toBe(502);
  });
});
