import { LlmEvent } from '../llm-client';
import { LlmAbortedError, LlmTimeoutError } from '../llm-errors';
import { FakeLlmClient } from '../../../test/llm-contract/fake.llm-client';
import {
  ask,
  collect,
  lastError,
  rejection,
  typesOf,
} from '../../../test/llm-contract/llm-contract.helpers';
import { DeadlineLlmClient } from './deadline.llm-client';

const request = ask('model-a', 'hello');
const start: LlmEvent = { type: 'start', model: 'model-a' };
const delta = (text: string): LlmEvent => ({ type: 'text-delta', text });
const finish: LlmEvent = { type: 'finish', usage: {}, stopReason: { unified: 'end' } };

describe('DeadlineLlmClient', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('passes a timely answer through', async () => {
    const client = new DeadlineLlmClient(new FakeLlmClient(), { timeoutMs: 100 });
    await expect(client.generate(request)).resolves.toMatchObject({ text: 'fake answer' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('times out a hung generate with LlmTimeoutError and aborts the inner call', async () => {
    const inner = new FakeLlmClient([{ hang: true }]);
    const pending = rejection(
      new DeadlineLlmClient(inner, { timeoutMs: 100 }).generate(request),
      LlmTimeoutError,
    );
    await jest.advanceTimersByTimeAsync(100);
    await pending;
    expect(inner.calls[0].signal?.aborted).toBe(true);
  });

  it('answers at once even when the inner call ignores the abort', async () => {
    const inner = new FakeLlmClient([{ hangIgnoringAbort: true }]);
    const pending = rejection(
      new DeadlineLlmClient(inner, { timeoutMs: 50 }).generate(request),
      LlmTimeoutError,
    );
    await jest.advanceTimersByTimeAsync(50);
    await pending;
  });

  it("keeps the caller's own abort an LlmAbortedError", async () => {
    const inner = new FakeLlmClient([{ hang: true }]);
    const controller = new AbortController();
    const client = new DeadlineLlmClient(inner, { timeoutMs: 1000 });
    const pending = rejection(client.generate(request, controller.signal), LlmAbortedError);
    controller.abort();
    await pending;
    expect(inner.calls[0].signal?.aborted).toBe(true);
  });

  it('a stream silent past the timeout rejects before its first event', async () => {
    const inner = new FakeLlmClient([{ hang: true }]);
    const result = collect(new DeadlineLlmClient(inner, { timeoutMs: 100 }).stream(request));
    await jest.advanceTimersByTimeAsync(100);
    const { events, thrown } = await result;
    expect(events).toEqual([]);
    expect(thrown).toBeInstanceOf(LlmTimeoutError);
    expect(inner.calls[0].signal?.aborted).toBe(true);
  });

  it('attempt scope: the timeout is an idle limit between events', async () => {
    const inner = new FakeLlmClient([
      { events: [start, delta('a'), delta('b'), finish], delayMs: 80 },
    ]);
    const result = collect(new DeadlineLlmClient(inner, { timeoutMs: 100 }).stream(request));
    await jest.advanceTimersByTimeAsync(400);
    const { events } = await result;
    expect(typesOf(events)).toEqual(['start', 'text-delta', 'text-delta', 'finish']);
  });

  it('attempt scope: the consumer pausing between reads does not count', async () => {
    const inner = new FakeLlmClient([{ events: [start, delta('a'), finish], delayMs: 150 }]);
    const iterator = new DeadlineLlmClient(inner, { timeoutMs: 200 })
      .stream(request)
      [Symbol.asyncIterator]();
    for (const expected of [start, delta('a'), finish]) {
      const next = iterator.next();
      await jest.advanceTimersByTimeAsync(150);
      expect((await next).value).toEqual(expected);
      await jest.advanceTimersByTimeAsync(1000); // the consumer is busy
    }
    expect((await iterator.next()).done).toBe(true);
  });

  it('attempt scope: a stream going silent mid-way ends with an LlmTimeoutError event', async () => {
    const inner = new FakeLlmClient([{ events: [start, delta('a')], thenHang: true }]);
    const result = collect(new DeadlineLlmClient(inner, { timeoutMs: 200 }).stream(request));
    await jest.advanceTimersByTimeAsync(200);
    const { events, thrown } = await result;
    expect(thrown).toBeUndefined();
    expect(typesOf(events)).toEqual(['start', 'text-delta', 'error']);
    expect(lastError(events)).toBeInstanceOf(LlmTimeoutError);
    expect(inner.calls[0].signal?.aborted).toBe(true);
  });

  it('overall scope: one budget for the whole stream', async () => {
    const inner = new FakeLlmClient([
      { events: [start, delta('a'), delta('b'), delta('c'), finish], delayMs: 80 },
    ]);
    const result = collect(
      new DeadlineLlmClient(inner, { timeoutMs: 200, scope: 'overall' }).stream(request),
    );
    await jest.advanceTimersByTimeAsync(500);
    const { events } = await result;
    expect(typesOf(events)).toEqual(['start', 'text-delta', 'error']);
    expect(lastError(events)).toBeInstanceOf(LlmTimeoutError);
    expect(inner.calls[0].signal?.aborted).toBe(true);
  });

  it('aborts the inner call when the consumer stops reading', async () => {
    const inner = new FakeLlmClient([
      { events: [start, delta('a'), delta('b'), finish], delayMs: 10 },
    ]);
    const client = new DeadlineLlmClient(inner, { timeoutMs: 1000 });
    const iterator = client.stream(request)[Symbol.asyncIterator]();
    const first = iterator.next();
    await jest.advanceTimersByTimeAsync(10);
    await first;
    await iterator.return?.(undefined);
    expect(inner.calls[0].signal?.aborted).toBe(true);
  });

  it('nested deadlines leave no timer armed after the caller aborts a stream', async () => {
    const inner = new FakeLlmClient([{ events: [start, delta('a')], thenHang: true }]);
    const attempt = new DeadlineLlmClient(inner, { timeoutMs: 60000, scope: 'attempt' });
    const client = new DeadlineLlmClient(attempt, { timeoutMs: 120000, scope: 'overall' });
    const caller = new AbortController();
    const result = collect(client.stream(request, caller.signal));
    await jest.advanceTimersByTimeAsync(1);
    caller.abort();
    const { events } = await result;
    expect(typesOf(events)).toEqual(['start', 'text-delta', 'error']);
    expect(lastError(events)).toBeInstanceOf(LlmAbortedError);
    await jest.advanceTimersByTimeAsync(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('opens nothing until the first read, and keeps no timer once the last event is out', async () => {
    const inner = new FakeLlmClient([{ events: [start, delta('a'), finish], delayMs: 10 }]);
    const iterator = new DeadlineLlmClient(inner, { timeoutMs: 60000 })
      .stream(request)
      [Symbol.asyncIterator]();
    expect(inner.calls).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
    const read = collect({ [Symbol.asyncIterator]: () => iterator });
    await jest.advanceTimersByTimeAsync(30);
    expect(typesOf((await read).events)).toEqual(['start', 'text-delta', 'finish']);
    expect(inner.calls[0].signal?.aborted).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });
});
