import {
  LlmAbortedError,
  LlmAuthError,
  LlmBadRequestError,
  LlmThrottledError,
  LlmTimeoutError,
  LlmUnavailableError,
  mapBedrockError,
} from '@app/llm';
import { mapLlmError } from './llm-error.mapper';

const named = (name: string, extra: object = {}) =>
  Object.assign(new Error(`${name} happened`), { name }, extra);

describe('mapLlmError', () => {
  it.each([
    [new LlmThrottledError('t', 2500), 429, 'provider_throttled'],
    [new LlmUnavailableError('u'), 503, 'provider_unavailable'],
    [new LlmTimeoutError('t'), 504, 'provider_timeout'],
    [new LlmBadRequestError('b'), 400, 'provider_rejected'],
    [new LlmAuthError('a'), 502, 'provider_auth'],
    [new LlmAbortedError('x'), 499, 'cancelled'],
  ])('%p -> %i %s', (error, status, code) => {
    const problem = mapLlmError(error);
    expect({ status: problem?.status, code: problem?.code }).toEqual({ status, code });
  });

  it('sends Retry-After in whole seconds with a throttle', () => {
    expect(mapLlmError(new LlmThrottledError('t', 2500))?.headers).toEqual({ 'Retry-After': '3' });
  });

  it('answers 503 provider_unavailable to what the README calls unavailable', () => {
    const unavailable = [
      named('InternalServerException', { $metadata: { httpStatusCode: 500 } }),
      named('Error', { code: 'ECONNRESET' }),
      Object.assign(new SyntaxError('Unexpected token <'), { $metadata: { httpStatusCode: 502 } }),
      named('WeirdException', { $metadata: { httpStatusCode: 500 } }),
    ];
    for (const error of unavailable) {
      expect(mapLlmError(mapBedrockError(error))).toMatchObject({
        status: 503,
        code: 'provider_unavailable',
      });
    }
  });

  it('answers 504 provider_timeout to a socket that went silent', () => {
    const stall = named('TimeoutError', { message: 'the request socket timed out' });
    expect(mapLlmError(mapBedrockError(stall))).toMatchObject({
      status: 504,
      code: 'provider_timeout',
    });
  });

  it('leaves anything that is not an LlmError to other mappers', () => {
    expect(mapLlmError(new Error('x'))).toBeUndefined();
  });
});
