import {
  LlmAbortedError,
  LlmAuthError,
  LlmBadRequestError,
  LlmThrottledError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../llm-errors';
import { mapBedrockError, retryAfterMsFrom } from './bedrock-error.mapper';
import { unifyStopReason } from './bedrock-stop-reason';

const named = (name: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(`${name} happened`), { name, ...extra });

describe('mapBedrockError', () => {
  it.each([
    ['ThrottlingException', LlmThrottledError],
    ['throttlingException', LlmThrottledError],
    ['ServiceQuotaExceededException', LlmThrottledError],
    ['ServiceUnavailableException', LlmUnavailableError],
    ['ModelNotReadyException', LlmUnavailableError],
    ['InternalServerException', LlmUnavailableError],
    ['ModelStreamErrorException', LlmUnavailableError],
    ['ModelErrorException', LlmUnavailableError],
    ['ModelTimeoutException', LlmTimeoutError],
    ['ValidationException', LlmBadRequestError],
    ['ResourceNotFoundException', LlmBadRequestError],
    ['AccessDeniedException', LlmAuthError],
    ['UnrecognizedClientException', LlmAuthError],
    ['ExpiredTokenException', LlmAuthError],
    ['InvalidSignatureException', LlmAuthError],
    ['CredentialsProviderError', LlmAuthError],
    ['AbortError', LlmAbortedError],
  ])('%s', (name, type) => {
    const mapped = mapBedrockError(named(name));
    expect(mapped).toBeInstanceOf(type);
    expect(mapped.providerCode).toBe(name);
    expect(mapped.cause).toBeInstanceOf(Error);
  });

  it('reads the retry-after hint of a throttle', () => {
    const error = named('ThrottlingException', {
      $response: { statusCode: 429, headers: { 'retry-after': '3' } },
    });
    expect((mapBedrockError(error) as LlmThrottledError).retryAfterMs).toBe(3000);
  });

  it('treats resets and hang-ups as unavailable, even when the handler calls them TimeoutError', () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ENOTFOUND']) {
      const mapped = mapBedrockError(named('TimeoutError', { code }));
      expect(mapped).toBeInstanceOf(LlmUnavailableError);
    }
  });

  it('makes a clock-skew refusal retryable, and no other auth failure', () => {
    const corrected = named('InvalidSignatureException', {
      $metadata: { httpStatusCode: 403, clockSkewCorrected: true },
    });
    const expired = named('InvalidSignatureException', {
      message: 'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z',
      $metadata: { httpStatusCode: 403 },
    });
    const mismatch = named('InvalidSignatureException', {
      message: 'The request signature we calculated does not match the signature you provided.',
      $metadata: { httpStatusCode: 403 },
    });
    expect([corrected, expired, mismatch].map((e) => mapBedrockError(e).retryable)).toEqual([
      true,
      true,
      false,
    ]);
    expect(mapBedrockError(expired)).toBeInstanceOf(LlmAuthError);
  });

  it('treats handler timeouts as LlmTimeoutError', () => {
    expect(mapBedrockError(named('TimeoutError', { code: 'ETIMEDOUT' }))).toBeInstanceOf(
      LlmTimeoutError,
    );
    expect(mapBedrockError(named('TimeoutError'))).toBeInstanceOf(LlmTimeoutError);
  });

  it('turns the bare SyntaxError of an HTML 502 into LlmUnavailableError', () => {
    const error = Object.assign(new SyntaxError('Unexpected token <'), {
      $metadata: { httpStatusCode: 502 },
    });
    const mapped = mapBedrockError(error);
    expect(mapped).toBeInstanceOf(LlmUnavailableError);
    expect(mapBedrockError(new SyntaxError('Unexpected end of JSON input'))).toBeInstanceOf(
      LlmUnavailableError,
    );
  });

  it('falls back on the HTTP status for unknown exception names', () => {
    const status = (code: number) =>
      named('WeirdException', { $metadata: { httpStatusCode: code } });
    expect(mapBedrockError(status(429))).toBeInstanceOf(LlmThrottledError);
    expect(mapBedrockError(status(408))).toBeInstanceOf(LlmTimeoutError);
    expect(mapBedrockError(status(403))).toBeInstanceOf(LlmAuthError);
    expect(mapBedrockError(status(422))).toBeInstanceOf(LlmBadRequestError);
    expect(mapBedrockError(status(503))).toBeInstanceOf(LlmUnavailableError);
    expect(mapBedrockError(status(500))).toBeInstanceOf(LlmUnavailableError);
  });

  it('calls anything after an abort of our own signal LlmAbortedError', () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      mapBedrockError(named('TimeoutError', { code: 'ECONNRESET' }), controller.signal),
    ).toBeInstanceOf(LlmAbortedError);
  });

  it('maps unknown failures to a retryable LlmUnavailableError', () => {
    const mapped = mapBedrockError('something odd');
    expect(mapped).toBeInstanceOf(LlmUnavailableError);
    expect(mapped.retryable).toBe(true);
  });
});

describe('retryAfterMsFrom', () => {
  it('reads seconds, HTTP dates and x-amz-retry-after milliseconds', () => {
    expect(retryAfterMsFrom({ 'Retry-After': '1.5' })).toBe(1500);
    expect(retryAfterMsFrom({ 'x-amz-retry-after': '250' })).toBe(250);
    const date = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterMsFrom({ 'retry-after': date })).toBeGreaterThan(50_000);
    expect(retryAfterMsFrom({})).toBeUndefined();
    expect(retryAfterMsFrom(undefined)).toBeUndefined();
  });
});

describe('unifyStopReason', () => {
  it.each([
    ['end_turn', 'end'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['stop_sequence', 'stop_sequence'],
    ['tool_use', 'tool_use'],
    ['guardrail_intervened', 'content_filter'],
    ['content_filtered', 'content_filter'],
    ['something_new', 'other'],
  ])('%s -> %s', (raw, unified) => {
    expect(unifyStopReason(raw)).toEqual({ unified, raw });
  });

  it('reports a missing stop reason as other', () => {
    expect(unifyStopReason(undefined)).toEqual({ unified: 'other' });
  });
});
