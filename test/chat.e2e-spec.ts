import {
  as,
  ChatHarness,
  messagesPath,
  newConversation,
  PROVIDERS,
  startChatHarness,
  storedMessages,
} from './support/chat-harness';
import { openSse, SseEvent } from './support/sse';
import { uniqueUser } from './support/test-app';

const DEFAULT_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const OTHER_MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

/** The answer each provider gives to `content` (the emulator's is exact, the mock's echoes it). */
function expectAnswerTo(h: ChatHarness, answer: string, content: string): void {
  if (h.provider === 'mock') {
    expect(answer).toContain('[mock reply]');
    expect(answer).toContain(content.slice(0, 50));
  } else {
    expect(answer).toBe(`Emulated reply to: ${content}`);
  }
}

const terminal = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'message.end' || e.event === 'error');

describe.each(PROVIDERS)('Chat turns through the HTTP API (%s)', (provider) => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness(provider, { env: { LLM_MODELS: OTHER_MODEL } });
  });
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  it('JSON send: stores the user message first, answers 201 with the stored turn', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const content = 'What are SQL injection attacks?';
    const res = await as(h.t, user).post(messagesPath(id), { content }).expect(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { conversation, userMessage, assistantMessage, replayed } = res.body;
    expect(replayed).toBe(false);
    expect(conversation).toMatchObject({ id, messageCount: 2 });
    expect(userMessage).toMatchObject({ role: 'user', content, status: 'complete', seq: 1 });
    expect(assistantMessage).toMatchObject({
      role: 'assistant',
      status: 'complete',
      seq: 2,
      parentId: userMessage.id,
      turnId: userMessage.turnId,
      model: DEFAULT_MODEL,
      stopReason: 'end',
      error: null,
    });
    expectAnswerTo(h, assistantMessage.content, content);
    expect(assistantMessage.usage.inputTokens).toBeGreaterThan(0);
    expect(assistantMessage.usage.outputTokens).toBeGreaterThan(0);
    expect(h.modelCalls()).toBe(1);

    const stored = await storedMessages(h.t, user, id);
    expect(stored.map((m) => [m.id, m.role, m.status, m.content])).toEqual([
      [userMessage.id, 'user', 'complete', content],
      [assistantMessage.id, 'assistant', 'complete', assistantMessage.content],
    ]);
  });

  it('SSE send: message.start, deltas, one message.end; ids 0..n; deltas add up to the stored answer', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const content = 'Explain cross site scripting in a few words';
    const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
      body: { content },
      headers: { 'X-User-Id': user },
    });
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(s.headers['cache-control']).toBe('no-cache, no-transform');
    expect(s.headers['x-accel-buffering']).toBe('no');
    expect(s.headers['content-encoding']).toBeUndefined();
    const events = await s.collect();

    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => String(i)));
    expect(events[0].event).toBe('message.start');
    expect(events.at(-1)!.event).toBe('message.end');
    expect(terminal(events)).toHaveLength(1);
    const deltas = events.slice(1, -1);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.every((e) => e.event === 'delta' && typeof e.data.text === 'string')).toBe(true);

    const start = events[0].data;
    expect(start).toMatchObject({
      conversationId: id,
      model: DEFAULT_MODEL,
      userMessage: { role: 'user', content, status: 'complete' },
    });
    expect(start.assistantMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(start.turnId).toBe(start.userMessage.turnId);

    const text = deltas.map((e) => e.data.text).join('');
    const end = events.at(-1)!.data;
    expect(end.message).toMatchObject({
      id: start.assistantMessageId,
      status: 'complete',
      content: text,
    });
    expect(end.stopReason).toBe('end');
    expect(end.usage.outputTokens).toBeGreaterThan(0);
    expectAnswerTo(h, text, content);

    const stored = await storedMessages(h.t, user, id);
    const assistant = stored.find((m) => m.id === start.assistantMessageId)!;
    expect(assistant).toMatchObject({ status: 'complete', content: text });
    expect(h.modelCalls()).toBe(1);
  });

  it('streams with ?stream=true as well, whatever the Accept header', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const s = await openSse(`${h.t.url}${messagesPath(id)}?stream=true`, {
      body: { content: 'hello' },
      headers: { 'X-User-Id': user, Accept: 'application/json' },
    });
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = await s.collect();
    expect(events[0].event).toBe('message.start');
    expect(events.at(-1)!.event).toBe('message.end');
  });

  it('sends the earlier turns as context: the third request carries the first two', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const questions = ['First question about XSS', 'Second one about CSRF', 'And a third'];
    const answers: string[] = [];
    for (const content of questions) {
      const res = await as(h.t, user).post(messagesPath(id), { content }).expect(201);
      answers.push(res.body.assistantMessage.content);
    }
    expect(h.modelCalls()).toBe(3);
    expect(h.lastModelMessages()).toEqual([
      { role: 'user', content: questions[0] },
      { role: 'assistant', content: answers[0] },
      { role: 'user', content: questions[1] },
      { role: 'assistant', content: answers[1] },
      { role: 'user', content: questions[2] },
    ]);
    const stored = await storedMessages(h.t, user, id);
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    // Each message hangs off the previous one: one linear branch.
    for (let i = 1; i < stored.length; i++) expect(stored[i].parentId).toBe(stored[i - 1].id);
  });

  it('titles an untitled conversation from its first message (at most 80 characters, cut at a word)', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const first =
      '  How do I protect   a Node.js service against SQL injection, XSS and CSRF when it talks to PostgreSQL?';
    await as(h.t, user).post(messagesPath(id), { content: first }).expect(201);
    const { title } = (await as(h.t, user).get(`/api/v1/conversations/${id}`).expect(200)).body;
    const folded = first.trim().replace(/\s+/g, ' ');
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.length).toBeGreaterThan(20);
    expect(folded.startsWith(title)).toBe(true);
    expect(folded.charAt(title.length)).toMatch(/[\s,.;:!?-]/);

    await as(h.t, user).post(messagesPath(id), { content: 'A later message' }).expect(201);
    expect((await as(h.t, user).get(`/api/v1/conversations/${id}`)).body.title).toBe(title);

    const titled = await newConversation(h.t, user, { title: 'Mine' });
    await as(h.t, user).post(messagesPath(titled), { content: 'hello' }).expect(201);
    expect((await as(h.t, user).get(`/api/v1/conversations/${titled}`)).body.title).toBe('Mine');
  });

  it('a resent clientMessageId or Idempotency-Key returns the stored turn without calling the model again', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const first = await as(h.t, user)
      .post(messagesPath(id), { content: 'Once only', clientMessageId: 'msg-0001' })
      .expect(201);
    expect(first.body.replayed).toBe(false);
    expect(first.body.userMessage.clientMessageId).toBe('msg-0001');
    expect(h.modelCalls()).toBe(1);

    const again = await as(h.t, user)
      .post(messagesPath(id), { content: 'Once only', clientMessageId: 'msg-0001' })
      .expect(200);
    expect(again.body.replayed).toBe(true);
    expect(again.body.userMessage.id).toBe(first.body.userMessage.id);
    expect(again.body.assistantMessage).toMatchObject({
      id: first.body.assistantMessage.id,
      status: 'complete',
      content: first.body.assistantMessage.content,
    });

    // Streamed resend: the stored answer again, ending in one message.end.
    const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
      body: { content: 'Once only', clientMessageId: 'msg-0001' },
      headers: { 'X-User-Id': user },
    });
    const events = await s.collect();
    expect(terminal(events)).toHaveLength(1);
    expect(events.at(-1)!.event).toBe('message.end');
    expect(events.at(-1)!.data.message).toMatchObject({
      id: first.body.assistantMessage.id,
      content: first.body.assistantMessage.content,
    });

    // The Idempotency-Key header does the same when the body has no clientMessageId.
    const keyed = await as(h.t, user)
      .post(messagesPath(id), { content: 'Keyed' })
      .set('Idempotency-Key', 'key-42')
      .expect(201);
    const keyedAgain = await as(h.t, user)
      .post(messagesPath(id), { content: 'Keyed' })
      .set('Idempotency-Key', 'key-42')
      .expect(200);
    expect(keyedAgain.body.replayed).toBe(true);
    expect(keyedAgain.body.assistantMessage.id).toBe(keyed.body.assistantMessage.id);

    expect(h.modelCalls()).toBe(2);
    expect(await storedMessages(h.t, user, id)).toHaveLength(4);
    await as(h.t, user)
      .post(messagesPath(id), { content: 'x' })
      .set('Idempotency-Key', 'not valid!')
      .expect(400);
  });

  it('5 concurrent sends with one clientMessageId: one turn stored, one model call, all answered', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        as(h.t, user).post(messagesPath(id), { content: 'Dup?', clientMessageId: 'dup-1' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(results.filter((r) => r.body.replayed === false)).toHaveLength(1);
    const userIds = new Set(results.map((r) => r.body.userMessage.id));
    const answers = new Set(results.map((r) => r.body.assistantMessage.content));
    expect(userIds.size).toBe(1);
    expect(answers.size).toBe(1);
    expect(results.every((r) => r.body.assistantMessage.status === 'complete')).toBe(true);
    expect(h.modelCalls()).toBe(1);
    const stored = await storedMessages(h.t, user, id);
    expect(stored.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('20 concurrent sends into one conversation: all 201, seq 1..40 distinct and gap-free, nothing lost', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const contents = Array.from({ length: 20 }, (_, i) => `Concurrent message ${i}`);
    const results = await Promise.all(
      contents.map((content) => as(h.t, user).post(messagesPath(id), { content })),
    );
    expect(results.map((r) => r.status)).toEqual(contents.map(() => 201));
    expect(h.modelCalls()).toBe(20);

    const stored = await storedMessages(h.t, user, id);
    expect(stored).toHaveLength(40);
    expect(stored.map((m) => m.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const users = stored.filter((m) => m.role === 'user');
    expect(users.map((m) => m.content).sort()).toEqual([...contents].sort());
    for (const u of users) {
      const answer = stored.find((m) => m.parentId === u.id && m.role === 'assistant')!;
      expect(answer).toMatchObject({ status: 'complete', seq: u.seq + 1, turnId: u.turnId });
      // Questions whose answers were still pending are merged into this one's context (roles
      // alternate), so the answer ends with this question rather than being exactly about it.
      expect(answer.content.endsWith(h.provider === 'mock' ? '' : u.content)).toBe(true);
      expect(answer.content).toContain(u.content);
    }
    const conversation = await as(h.t, user).get(`/api/v1/conversations/${id}`).expect(200);
    expect(conversation.body.messageCount).toBe(40);
  });

  it("hides another user's conversation: 404 for send, stop and stream, nothing changes", async () => {
    const alice = uniqueUser('alice');
    const mallory = uniqueUser('mallory');
    const id = await newConversation(h.t, alice);
    const turn = await as(h.t, alice).post(messagesPath(id), { content: 'private' }).expect(201);
    const answerId = turn.body.assistantMessage.id as string;

    const send = await as(h.t, mallory).post(messagesPath(id), { content: 'let me in' });
    expect(send.status).toBe(404);
    expect(send.body.error).toMatchObject({ code: 'conversation_not_found' });
    expect(send.body.error.requestId).toBeTruthy();
    const stop = await as(h.t, mallory).post(`${messagesPath(id)}/${answerId}/stop`);
    expect(stop.status).toBe(404);
    expect(stop.body.error.code).toMatch(/not_found/);
    const stream = await as(h.t, mallory)
      .get(`${messagesPath(id)}/${answerId}/stream`)
      .set('Accept', 'text/event-stream');
    expect(stream.status).toBe(404);
    expect(stream.body.error.code).toMatch(/not_found/);
    const sse = await openSse(`${h.t.url}${messagesPath(id)}`, {
      body: { content: 'streamed intrusion' },
      headers: { 'X-User-Id': mallory },
    });
    expect(sse.status).toBe(404);
    expect((await sse.json<{ error: { code: string } }>()).error.code).toBe(
      'conversation_not_found',
    );

    expect(h.modelCalls()).toBe(1);
    const stored = await storedMessages(h.t, alice, id);
    expect(stored.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });

  it('rejects bad input with 4xx in the envelope, stores nothing and calls no model', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const api = as(h.t, user);
    const cases: [object, number, string][] = [
      [{ content: '' }, 400, 'empty_message'],
      [{ content: '  \n\t  ' }, 400, 'empty_message'],
      [{}, 400, 'validation_failed'],
      [{ content: 42 }, 400, 'validation_failed'],
      [{ content: ['a'] }, 400, 'validation_failed'],
      [{ content: 'hi', clientMessageId: 'has spaces' }, 400, 'validation_failed'],
      [{ content: 'hi', clientMessageId: 7 }, 400, 'validation_failed'],
      [{ content: 'hi', unknown: true }, 400, 'validation_failed'],
      [{ content: 'hi', parentId: 'not-a-uuid' }, 400, 'validation_failed'],
      [{ content: 'hi', parentId: '01890000-0000-7000-8000-000000000000' }, 400, 'invalid_parent'],
      [{ content: 'hi', model: 'gpt-4o' }, 400, 'model_not_allowed'],
      [{ content: 'x'.repeat(32001) }, 413, 'message_too_long'],
    ];
    for (const [body, status, code] of cases) {
      const res = await api.post(messagesPath(id), body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({
        body,
        status,
        code,
      });
      expect(res.body.error.requestId).toBeTruthy();
      if (code === 'model_not_allowed')
        expect(res.body.error.details.allowed).toEqual([DEFAULT_MODEL, OTHER_MODEL]);
      if (code === 'message_too_long') {
        expect(res.body.error.message).toContain('32000');
        expect(res.body.error.details).toMatchObject({ limit: 32000 });
      }
    }
    const unknown = await api.post(messagesPath('no-such-conversation'), { content: 'hi' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('conversation_not_found');
    expect(h.modelCalls()).toBe(0);
    expect(await storedMessages(h.t, user, id)).toEqual([]);

    // The limit itself is allowed.
    const atLimit = await api.post(messagesPath(id), { content: 'y'.repeat(32000) });
    expect(atLimit.status).toBe(201);
  });

  it('uses a model from GET /api/v1/models per request, and lists the allowed ones', async () => {
    const models = await as(h.t, uniqueUser()).get('/api/v1/models').expect(200);
    expect(models.body).toEqual({
      provider: h.llmProvider,
      default: DEFAULT_MODEL,
      models: [DEFAULT_MODEL, OTHER_MODEL],
    });
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const res = await as(h.t, user)
      .post(messagesPath(id), { content: 'with another model', model: OTHER_MODEL })
      .expect(201);
    expect(res.body.assistantMessage.model).toBe(OTHER_MODEL);
    if (h.emulator) expect(h.emulator.requests.at(-1)!.modelId).toBe(OTHER_MODEL);
    const stored = await storedMessages(h.t, user, id);
    expect(stored[1].model).toBe(OTHER_MODEL);
  });
});
