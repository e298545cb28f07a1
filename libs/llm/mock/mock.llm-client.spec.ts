import { LlmAbortedError, LlmThrottledError, LlmUnavailableError } from '../llm-errors';
import { describeLlmContract } from '../../../test/llm-contract/llm-contract';
import {
  ask,
  collect,
  lastError,
  rejection,
  textOf,
  typesOf,
} from '../../../test/llm-contract/llm-contract.helpers';
import { MockFaultInjector } from '../../../test/llm-contract/mock-fault.injector';
import { MockLlmClient } from './mock.llm-client';

describeLlmContract(
  'mock',
  async () => {
    const injector = new MockFaultInjector();
    const client = new MockLlmClient({ tokenDelayMs: 0, faults: injector.hook });
    return { client, model: 'mock-model', faults: injector, teardown: async () => undefined };
  },
  {
    faults: ['throttle', 'error', 'delay', 'hang', 'mid-stream-exception'],
    forcedStopReason: true,
  },
);

describe('MockLlmClient', () => {
  const client = new MockLlmClient({ tokenDelayMs: 0 });

  it('says it is a mock and echoes the last user message with turn and context counts', async () => {
    const result = await client.generate({
      model: 'm',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'answer' },
        { role: 'user', content: 'What is the weather?' },
      ],
    });
    expect(result.text).toBe(
      '[mock reply] You said: "What is the weather?". This is the offline mock provider (turn 2, 3 messages of context).',
    );
  });

  it('echoes the last 200 characters of a long message and is deterministic', async () => {
    const long = `${'#'.repeat(300)}${'x'.repeat(200)}`;
    const a = await client.generate(ask('m', long));
    const b = await client.generate(ask('m', long));
    expect(a).toEqual(b);
    expect(a.text).toContain(`"…${'x'.repeat(200)}"`);
    expect(a.text).not.toContain('#');
  });

  it('streams word by word with the configured delay between chunks', async () => {
    jest.useFakeTimers();
    try {
      const slow = new MockLlmClient({ tokenDelayMs: 20 });
      const iterator = slow.stream(ask('m', 'hi'))[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toEqual({ type: 'start', model: 'm' });
      const pending = iterator.next();
      let settled = false;
      void pending.then(() => (settled = true));
      await jest.advanceTimersByTimeAsync(19);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(await pending).toEqual({ done: false, value: { type: 'text-delta', text: '[mock ' } });
      await iterator.return?.(undefined);
    } finally {
      jest.useRealTimers();
    }
  });

  describe('magic content', () => {
    it('[mock:throttle] rejects with LlmThrottledError and a retry-after hint', async () => {
      const error = await rejection(
        client.generate(ask('m', 'go [mock:throttle]')),
        LlmThrottledError,
      );
      expect(error.retryAfterMs).toBe(1000);
      const { thrown } = await collect(client.stream(ask('m', '[mock:throttle]')));
      expect(thrown).toBeInstanceOf(LlmThrottledError);
    });

    it('[mock:unavailable] rejects with LlmUnavailableError', async () => {
      const error = await rejection(
        client.generate(ask('m', '[mock:unavailable]')),
        LlmUnavailableError,
      );
      expect(error.code).toBe('unavailable');
    });

    it('[mock:fail-mid-stream] sends two chunks, then an error event', async () => {
      const { events } = await collect(client.stream(ask('m', 'please [mock:fail-mid-stream]')));
      expect(typesOf(events)).toEqual(['start', 'text-delta', 'text-delta', 'error']);
      expect(lastError(events)).toBeInstanceOf(LlmUnavailableError);
      await rejection(client.generate(ask('m', '[mock:fail-mid-stream]')), LlmUnavailableError);
    });

    it('[mock:slow] waits 100 ms per chunk', async () => {
      jest.useFakeTimers();
      try {
        const iterator = client.stream(ask('m', '[mock:slow]'))[Symbol.asyncIterator]();
        const first = iterator.next();
        await jest.advanceTimersByTimeAsync(100);
        expect((await first).value).toEqual({ type: 'start', model: 'm' });
        const second = iterator.next();
        await jest.advanceTimersByTimeAsync(100);
        expect((await second).value).toMatchObject({ type: 'text-delta' });
        await iterator.return?.(undefined);
      } finally {
        jest.useRealTimers();
      }
    });

    it('[mock:hang] only ends when aborted', async () => {
      const controller = new AbortController();
      const pending = client.generate(ask('m', '[mock:hang]'), controller.signal);
      setTimeout(() => controller.abort(), 5);
      await rejection(pending, LlmAbortedError);
    });

    it('[mock:content-filter] reports content_filter', async () => {
      const result = await client.generate(ask('m', '[mock:content-filter]'));
      expect(result.stopReason.unified).toBe('content_filter');
    });

    it('only the last user message counts', async () => {
      const result = await client.generate({
        model: 'm',
        messages: [
          { role: 'user', content: '[mock:throttle]' },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: 'fine now' },
        ],
      });
      expect(textOf([{ type: 'text-delta', text: result.text }])).toContain('fine now');
    });
  });

  it('embeds deterministically, 1024 dimensions by default, normalized when asked', async () => {
    const a = await client.embed({ model: 'e', texts: ['hello'] });
    const b = await client.embed({ model: 'e', texts: ['hello'], normalize: true });
    expect(a.dimensions).toBe(1024);
    expect(a.embeddings[0]).toHaveLength(1024);
    const norm = Math.sqrt(b.embeddings[0].reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 6);
    expect((await client.embed({ model: 'e', texts: ['hello'] })).embeddings).toEqual(a.embeddings);
    expect(a.usage.inputTokens).toBeGreaterThan(0);
  });
});
