import {
  LlmAbortedError,
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
import { FallbackLlmClient } from './fallback.llm-client';

const request = ask('primary', 'hello');
const throttled = new LlmThrottledError('busy', 1000);

describe('FallbackLlmClient', () => {
  it('answers from the first fallback when the requested model is throttled', async () => {
    const inner = new FakeLlmClient([{ fail: throttled }]);
    const result = await new FallbackLlmClient(inner, ['eu.backup', 'us.backup']).generate(request);
    expect(result.model).toBe('eu.backup');
    expect(inner.calls.map((c) => c.model)).toEqual(['primary', 'eu.backup']);
  });

  it('moves on past an unavailable model and a broken fallback', async () => {
    const inner = new FakeLlmClient([
      { fail: new LlmUnavailableError('down') },
      { fail: new LlmBadRequestError('no access to fallback') },
    ]);
    const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const result = await new FallbackLlmClient(inner, ['one', 'two'], logger).generate(request);
    expect(result.model).toBe('two');
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('does not fall back on a bad request for the requested model', async () => {
    const inner = new FakeLlmClient([{ fail: new LlmBadRequestError('too long') }]);
    await rejection(new FallbackLlmClient(inner, ['backup']).generate(request), LlmBadRequestError);
    expect(inner.calls).toHaveLength(1);
  });

  it("throws the requested model's error when every model fails", async () => {
    const inner = new FakeLlmClient([{ fail: throttled }], {
      fail: new LlmUnavailableError('all down'),
    });
    const error = await rejection(
      new FallbackLlmClient(inner, ['a', 'b']).generate(request),
      LlmThrottledError,
    );
    expect(error).toBe(throttled);
    expect(inner.calls).toHaveLength(3);
  });

  it('does not try the requested model twice', async () => {
    const inner = new FakeLlmClient([{ fail: throttled }], { fail: throttled });
    await rejection(
      new FallbackLlmClient(inner, ['primary', 'other']).generate(request),
      LlmThrottledError,
    );
    expect(inner.calls.map((c) => c.model)).toEqual(['primary', 'other']);
  });

  it('stops at once on abort', async () => {
    const controller = new AbortController();
    const inner = new FakeLlmClient([{ hang: true }]);
    const pending = new FallbackLlmClient(inner, ['backup']).generate(request, controller.signal);
    controller.abort();
    await rejection(pending, LlmAbortedError);
    expect(inner.calls).toHaveLength(1);
  });

  it('falls back a stream before its first event; start names the model used', async () => {
    const inner = new FakeLlmClient([{ fail: throttled }]);
    const { events } = await collect(new FallbackLlmClient(inner, ['backup']).stream(request));
    expect(events[0]).toEqual({ type: 'start', model: 'backup' });
    expect(events.at(-1)?.type).toBe('finish');
  });

  it('never falls back once a stream has started', async () => {
    const inner = new FakeLlmClient([
      {
        events: [
          { type: 'start', model: 'primary' },
          { type: 'error', error: throttled },
        ],
      },
    ]);
    const { events } = await collect(new FallbackLlmClient(inner, ['backup']).stream(request));
    expect(typesOf(events)).toEqual(['start', 'error']);
    expect(lastError(events)).toBe(throttled);
    expect(inner.calls).toHaveLength(1);
  });

  it('never sends embeddings to another model', async () => {
    const inner = new FakeLlmClient([{ fail: throttled }]);
    await rejection(
      new FallbackLlmClient(inner, ['backup']).embed({ model: 'e', texts: ['x'] }),
      LlmThrottledError,
    );
    expect(inner.calls).toHaveLength(1);
  });
});
