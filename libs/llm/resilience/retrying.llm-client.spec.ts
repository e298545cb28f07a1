import {
  LlmAbortedError,
  LlmAuthError,
  LlmBadRequestError,
  LlmThrottledError,
  LlmUnavailableError,
} from '../llm-errors';
import { FakeLlmClient } from '../../../test/llm-contract/fake.llm-client';
import {
  ask,
  collect,
  lastError,
  rejection,
  typesOf,
} from '../../../test/llm-contract/llm-contract.helpers';
import { RetryingLlmClient } from './retrying.llm-client';

const request = ask('model-a', 'hello');
const throttled = (retryAfterMs?: number): LlmThrottledError =>
  new LlmThrottledError('slow down', retryAfterMs);
const unavailable = (): LlmUnavailableError => new LlmUnavailableError('down');

function retrying(
  inner: FakeLlmClient,
  extra: Partial<ConstructorParameters<typeof RetryingLlmClient>[1]> = {},
) {
  return new RetryingLlmClient(inner, { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4, ...extra });
}

describe('RetryingLlmClient', () => {
  afterEach(() => jest.useRealTimers());

  describe('backoff', () => {
    const client = new RetryingLlmClient(new FakeLlmClient(), {
      maxAttempts: 6,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 0.999,
    });

    it('grows exponentially with full jitter under a cap', () => {
      expect(client.delayBeforeRetry(unavailable(), 1)).toBe(99);
      expect(client.delayBeforeRetry(unavailable(), 2)).toBe(199);
      expect(client.delayBeforeRetry(unavailable(), 3)).toBe(399);
      expect(client.delayBeforeRetry(unavailable(), 4)).toBe(799);
      expect(client.delayBeforeRetry(unavailable(), 5)).toBe(999);
      const low = new RetryingLlmClient(new FakeLlmClient(), { maxAttempts: 5, random: () => 0 });
      expect(low.delayBeforeRetry(unavailable(), 3)).toBe(0);
    });

    it('never retries sooner than the retry-after hint, and gives up on a hint above the cap', () => {
      expect(client.delayBeforeRetry(throttled(500), 1)).toBe(500);
      expect(client.delayBeforeRetry(throttled(5), 3)).toBe(399);
      expect(client.delayBeforeRetry(throttled(5000), 1)).toBeUndefined();
    });

    it('does not retry non-retryable errors, unknown errors, or past maxAttempts', () => {
      expect(client.delayBeforeRetry(new LlmBadRequestError('bad'), 1)).toBeUndefined();
      expect(client.delayBeforeRetry(new Error('bug'), 1)).toBeUndefined();
      expect(client.delayBeforeRetry(unavailable(), 6)).toBeUndefined();
    });
  });

  it('retries retryable failures until one succeeds', async () => {
    const inner = new FakeLlmClient([{ fail: throttled() }, { fail: unavailable() }]);
    const result = await retrying(inner).generate(request);
    expect(result.text).toBe('fake answer');
    expect(inner.calls).toHaveLength(3);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const inner = new FakeLlmClient([], { fail: unavailable() });
    await rejection(retrying(inner).generate(request), LlmUnavailableError);
    expect(inner.calls).toHaveLength(3);
  });

  it('does not retry a bad request', async () => {
    const inner = new FakeLlmClient([{ fail: new LlmBadRequestError('bad') }]);
    await rejection(retrying(inner).generate(request), LlmBadRequestError);
    expect(inner.calls).toHaveLength(1);
  });

  it('waits for the retry-after hint', async () => {
    jest.useFakeTimers();
    const inner = new FakeLlmClient([{ fail: throttled(300) }]);
    const pending = retrying(inner, { maxDelayMs: 1000 }).generate(request);
    await jest.advanceTimersByTimeAsync(299);
    expect(inner.calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(inner.calls).toHaveLength(2);
    await expect(pending).resolves.toMatchObject({ text: 'fake answer' });
  });

  it('stops waiting and throws LlmAbortedError when the caller aborts during backoff', async () => {
    jest.useFakeTimers();
    const inner = new FakeLlmClient([{ fail: throttled(500) }]);
    const controller = new AbortController();
    const pending = retrying(inner, { maxDelayMs: 1000 }).generate(request, controller.signal);
    const settled = rejection(pending, LlmAbortedError);
    await jest.advanceTimersByTimeAsync(10);
    controller.abort();
    await settled;
    await jest.advanceTimersByTimeAsync(1000);
    expect(inner.calls).toHaveLength(1);
  });

  it('retries a stream that rejected before its first event', async () => {
    const inner = new FakeLlmClient([{ fail: throttled() }]);
    const { events, thrown } = await collect(retrying(inner).stream(request));
    expect(thrown).toBeUndefined();
    expect(typesOf(events)).toEqual(['start', 'text-delta', 'text-delta', 'finish']);
    expect(inner.calls.map((c) => c.operation)).toEqual(['stream', 'stream']);
  });

  it('never retries a stream after its first event', async () => {
    const inner = new FakeLlmClient([
      {
        events: [
          { type: 'start', model: 'model-a' },
          { type: 'error', error: unavailable() },
        ],
      },
    ]);
    const { events } = await collect(retrying(inner).stream(request));
    expect(typesOf(events)).toEqual(['start', 'error']);
    expect(lastError(events)).toBeInstanceOf(LlmUnavailableError);
    expect(inner.calls).toHaveLength(1);
  });

  it('retries embeddings', async () => {
    const inner = new FakeLlmClient([{ fail: unavailable() }]);
    const result = await retrying(inner).embed({ model: 'e', texts: ['x'] });
    expect(result.embeddings).toHaveLength(1);
    expect(inner.calls).toHaveLength(2);
  });

  it('logs provider credential failures loudly', async () => {
    const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const inner = new FakeLlmClient([{ fail: new LlmAuthError('bad key') }]);
    await rejection(retrying(inner, { logger }).generate(request), LlmAuthError);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('CREDENTIALS'));
  });
});
