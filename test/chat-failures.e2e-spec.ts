import {
  as,
  ChatHarness,
  isSettled,
  messagesPath,
  newConversation,
  PROVIDERS,
  startChatHarness,
  storedMessages,
  waitForStored,
} from './support/chat-harness';
import { deltaText, openSse } from './support/sse';
import { uniqueUser } from './support/test-app';

const MAX_ATTEMPTS = 2;

/** The one assistant message of a conversation that had one turn. */
async function onlyAnswer(h: ChatHarness, user: string, id: string) {
  const stored = await storedMessages(h.t, user, id);
  expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
  return stored[1];
}

describe.each(PROVIDERS)('Provider failures (%s)', (provider) => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness(provider, { env: { LLM_MAX_ATTEMPTS: String(MAX_ATTEMPTS) } });
  });
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  it('an exception mid-stream ends the SSE stream with one error event; the turn is failed with its partial text', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
      body: { content: h.fault('fail-mid-stream', 'Break while answering please') },
      headers: { 'X-User-Id': user },
    });
    expect(s.status).toBe(200);
    const events = await s.collect();
    expect(events.map((e) => e.event)).toEqual(['message.start', 'delta', 'delta', 'error']);
    expect(events.map((e) => e.id)).toEqual(['0', '1', '2', '3']);
    const answerId = events[0].data.assistantMessageId as string;
    expect(events[3].data).toMatchObject({
      code: 'provider_unavailable',
      retryable: true,
      messageId: answerId,
    });
    expect(typeof events[3].data.message).toBe('string');

    const stored = await onlyAnswer(h, user, id);
    expect(stored).toMatchObject({ id: answerId, status: 'failed', content: deltaText(events) });
    expect(stored.content.length).toBeGreaterThan(0);
    expect(stored.error).toMatchObject({ code: 'provider_unavailable' });
    expect(h.modelCalls()).toBe(1); // a stream that already started is never repeated
  });

  it('an exception mid-answer in JSON mode: 502/503 in the envelope, the turn failed with its partial text', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const res = await as(h.t, user).post(messagesPath(id), {
      content: h.fault('fail-mid-stream', 'Break while answering please'),
    });
    expect([502, 503]).toContain(res.status);
    expect(res.body.error).toMatchObject({ code: 'provider_unavailable' });
    expect(res.body.error.requestId).toBeTruthy();
    const stored = await onlyAnswer(h, user, id);
    expect(stored.status).toBe('failed');
    expect(stored.content.length).toBeGreaterThan(0);
    expect(stored.error).toMatchObject({ code: 'provider_unavailable' });
  });

  it('throttling: once the retries are spent, 429 with Retry-After; the turn is stored failed', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const res = await as(h.t, user).post(messagesPath(id), {
      content: h.fault('throttle', 'Too many requests'),
    });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(res.body.error).toMatchObject({
      code: 'provider_throttled',
      details: { retryable: true },
    });
    if (h.emulator) {
      expect(h.modelCalls()).toBe(MAX_ATTEMPTS);
      expect(h.emulator.requests.every((r) => r.fault?.kind === 'throttle')).toBe(true);
    } else {
      expect(h.modelCalls()).toBe(1);
    }
    const stored = await onlyAnswer(h, user, id);
    expect(stored).toMatchObject({ status: 'failed', content: '' });
    expect(stored.error).toMatchObject({ code: 'provider_throttled', retryable: true });
  });

  it('throttling on a stream: one error event provider_throttled (retryable), the turn failed', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
      body: { content: h.fault('throttle', 'Too many streamed requests') },
      headers: { 'X-User-Id': user },
    });
    const events = await s.collect();
    expect(events.map((e) => e.event)).toEqual(['message.start', 'error']);
    expect(events[1].data).toMatchObject({ code: 'provider_throttled', retryable: true });
    const stored = await waitForStored(h.t, user, id, events[0].data.assistantMessageId, isSettled);
    expect(stored).toMatchObject({ status: 'failed', error: { code: 'provider_throttled' } });
  });

  it('an unavailable provider gives 503 provider_unavailable', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const res = await as(h.t, user).post(messagesPath(id), {
      content: h.fault('unavailable', 'Anyone there?'),
    });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'provider_unavailable' });
    if (h.emulator) expect(h.modelCalls()).toBe(MAX_ATTEMPTS);
    expect((await onlyAnswer(h, user, id)).status).toBe('failed');
  });

  it('a provider timeout gives 504 provider_timeout', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const res = await as(h.t, user).post(messagesPath(id), {
      content: h.fault('timeout', 'Take your time'),
    });
    expect(res.status).toBe(504);
    expect(res.body.error).toMatchObject({ code: 'provider_timeout' });
    const stored = await onlyAnswer(h, user, id);
    expect(stored).toMatchObject({ status: 'failed', error: { code: 'provider_timeout' } });
  });

  describe('with a 300 ms attempt timeout (LLM_TIMEOUT_MS)', () => {
    let slow: ChatHarness;
    beforeAll(async () => {
      slow = await startChatHarness(provider, {
        env: { LLM_TIMEOUT_MS: '300', LLM_MAX_ATTEMPTS: '1' },
      });
    });
    afterAll(() => slow?.close());

    it('a model that never answers: 504, the upstream call is closed, the turn stored failed', async () => {
      const user = uniqueUser();
      const id = await newConversation(slow.t, user);
      const res = await as(slow.t, user).post(messagesPath(id), {
        content: slow.fault('hang', 'Hello?'),
      });
      expect(res.status).toBe(504);
      expect(res.body.error).toMatchObject({ code: 'provider_timeout' });
      if (slow.emulator) await slow.emulator.waitForClientClose(0, 3000);
      const stored = await onlyAnswer(slow, user, id);
      expect(stored).toMatchObject({ status: 'failed', error: { code: 'provider_timeout' } });
    });
  });
});

describe('Provider failures, Bedrock emulator specifics', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness('bedrock emulator', {
      env: { LLM_MAX_ATTEMPTS: String(MAX_ATTEMPTS) },
    });
  });
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  it('a throttled first attempt is retried and the answer is stored complete', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const res = await as(h.t, user)
      .post(messagesPath(id), { content: h.fault('throttle-once', 'Try again') })
      .expect(201);
    expect(res.body.assistantMessage).toMatchObject({
      status: 'complete',
      content: 'Emulated reply to: Try again',
    });
    expect(h.emulator!.requests.map((r) => r.fault?.kind)).toEqual(['throttle', undefined]);
  });

  it('a failed turn is left out of the next context; its question is kept', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    await as(h.t, user)
      .post(messagesPath(id), { content: h.fault('unavailable', 'First, failing') })
      .expect(503);
    h.reset();
    const res = await as(h.t, user)
      .post(messagesPath(id), { content: 'Second, working' })
      .expect(201);
    expect(h.lastModelMessages()).toEqual([
      { role: 'user', content: 'First, failing\n\nSecond, working' },
    ]);
    expect(res.body.assistantMessage.status).toBe('complete');
  });
});
