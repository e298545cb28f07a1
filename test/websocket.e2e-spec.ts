import request from 'supertest';
import {
  ChatHarness,
  newConversation,
  startChatHarness,
  storedMessages,
  waitForStored,
} from './support/chat-harness';
import { HS_SECRET, hs256Token } from './support/platform-helpers';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';
import { Frame, TestSocket, textOf } from './support/ws-client';

/** Chunks every 25 ms: a test can act while the answer still streams. */
const CHUNK_DELAY_MS = 25;

const startOf = (socket: TestSocket) =>
  socket.next((f) => f.type === 'event' && f.event === 'message.start');
const answerIdOf = (start: Frame) =>
  (start.data as { assistantMessageId: string }).assistantMessageId;
const idsOf = (events: Frame[]) => events.map((f) => f.id);

describe('WebSocket /api/v1/ws (AUTH_MODE=none)', () => {
  let h: ChatHarness;
  const sockets: TestSocket[] = [];
  const open = async (user: string) => {
    const socket = await TestSocket.open(h.t.url, { headers: { 'X-User-Id': user } });
    sockets.push(socket);
    return socket;
  };
  beforeAll(async () => {
    h = await startChatHarness('mock', { chunkDelayMs: CHUNK_DELAY_MS });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => h?.close());

  it("sends a message and streams the SSE contract's events, then the turn is stored", async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const socket = await open(user);
    socket.send({ type: 'send', conversationId: id, content: 'Hello over a socket' });
    const start = await startOf(socket);
    const answerId = answerIdOf(start);
    const events = await socket.untilEnd(answerId);
    expect(events[0]).toMatchObject({
      type: 'event',
      event: 'message.start',
      id: 0,
      conversationId: id,
      messageId: answerId,
      data: {
        conversationId: id,
        assistantMessageId: answerId,
        userMessage: { content: 'Hello over a socket', role: 'user' },
      },
    });
    expect(idsOf(events)).toEqual(events.map((_, i) => i));
    const end = events.at(-1)!;
    expect(end.event).toBe('message.end');
    expect(end.data).toMatchObject({
      message: { id: answerId, status: 'complete' },
      stopReason: 'end',
    });
    const stored = (await storedMessages(h.t, user, id)).find((m) => m.id === answerId)!;
    expect(textOf(events)).toBe(stored.content);
    expect(h.isWholeAnswer(stored.content, 'Hello over a socket')).toBe(true);
  });

  it('a resent clientMessageId follows the stored turn: the model is called once', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const socket = await open(user);
    const frame = { type: 'send', conversationId: id, content: 'Once', clientMessageId: 'ws-1' };
    socket.send(frame);
    const answerId = answerIdOf(await startOf(socket));
    const first = await socket.untilEnd(answerId);
    const calls = h.modelCalls();
    const again = await open(user);
    again.send(frame);
    const replayed = await again.untilEnd(answerId);
    expect(replayed).toEqual(first);
    expect(h.modelCalls()).toBe(calls);
    expect((await storedMessages(h.t, user, id)).filter((m) => m.role === 'user')).toHaveLength(1);
  });

  it('runs several turns over one socket, each event tagged with its answer', async () => {
    const user = uniqueUser();
    const [a, b] = [await newConversation(h.t, user), await newConversation(h.t, user)];
    const socket = await open(user);
    socket.send({ type: 'send', conversationId: a, content: 'first conversation' });
    socket.send({ type: 'send', conversationId: b, content: 'second conversation' });
    await socket.next((f) => f.event === 'message.start' && f.conversationId === a);
    await socket.next((f) => f.event === 'message.start' && f.conversationId === b);
    const starts = socket.frames.filter((f) => f.event === 'message.start');
    for (const start of starts) {
      const events = await socket.untilEnd(answerIdOf(start));
      expect(idsOf(events)).toEqual(events.map((_, i) => i));
      expect(events.at(-1)!.event).toBe('message.end');
    }
  });

  it('stops a streaming turn: stored cancelled with its partial text', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const socket = await open(user);
    socket.send({ type: 'send', conversationId: id, content: h.long('Stop me') });
    const answerId = answerIdOf(await startOf(socket));
    await socket.next((f) => f.event === 'delta' && f.messageId === answerId);
    socket.send({ type: 'stop', conversationId: id, messageId: answerId });
    const stopped = await socket.next((f) => f.type === 'stopped');
    expect(stopped).toMatchObject({
      conversationId: id,
      messageId: answerId,
      message: { id: answerId, status: 'cancelled' },
    });
    const events = await socket.untilEnd(answerId);
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'cancelled' } });
    const stored = await waitForStored(h.t, user, id, answerId, (m) => m.status === 'cancelled');
    expect(textOf(events)).toBe(stored.content);
  });

  it('a dropped socket leaves its turn running; another socket attaches after its last event id, nothing lost or repeated', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const first = await open(user);
    first.send({ type: 'send', conversationId: id, content: h.long('Reconnect') });
    const answerId = answerIdOf(await startOf(first));
    await first.next((f) => f.event === 'delta' && f.id === 3);
    first.socket.terminate();
    const before = first.events(answerId);
    const lastEventId = before.at(-1)!.id as number;

    const second = await open(user);
    second.send({ type: 'attach', conversationId: id, messageId: answerId, lastEventId });
    const after = await second.untilEnd(answerId);
    expect(after[0].id).toBe(lastEventId + 1);
    const all = [...before, ...after];
    expect(idsOf(all)).toEqual(all.map((_, i) => i));
    const stored = await waitForStored(h.t, user, id, answerId, (m) => m.status === 'complete');
    expect(textOf(all)).toBe(stored.content);
    expect(h.isWholeAnswer(stored.content, h.long('Reconnect'))).toBe(true);
  });

  it('attaching to a finished turn replays its events after the given id', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const socket = await open(user);
    socket.send({ type: 'send', conversationId: id, content: 'Finish first' });
    const answerId = answerIdOf(await startOf(socket));
    const events = await socket.untilEnd(answerId);
    const later = await open(user);
    later.send({ type: 'attach', conversationId: id, messageId: answerId, lastEventId: 1 });
    const replayed = await later.untilEnd(answerId);
    expect(replayed).toEqual(events.slice(2));
  });

  it('two sockets of one user follow one turn and see the same events', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const sender = await open(user);
    const watcher = await open(user);
    sender.send({ type: 'send', conversationId: id, content: h.long('Two screens') });
    const answerId = answerIdOf(await startOf(sender));
    watcher.send({ type: 'attach', conversationId: id, messageId: answerId });
    const [a, b] = await Promise.all([sender.untilEnd(answerId), watcher.untilEnd(answerId)]);
    expect(b).toEqual(a);
    expect(idsOf(a)).toEqual(a.map((_, i) => i));
    expect(a.at(-1)!.event).toBe('message.end');
  });

  it('answers bad frames with error frames and keeps the socket open', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const socket = await open(user);
    const errorAt = async (frame: unknown, code: string) => {
      const from = socket.frames.length;
      socket.send(frame);
      const error = await socket.next((f) => f.type === 'error', 5000, from);
      expect(error).toMatchObject({ type: 'error', code });
      expect(typeof error.message).toBe('string');
      return error;
    };
    await errorAt('{"type": "send", ', 'malformed_json');
    await errorAt('[1, 2]', 'invalid_frame');
    await errorAt({ type: 'dance' }, 'unknown_type');
    await errorAt({ type: 'send', conversationId: id }, 'invalid_frame');
    await errorAt({ type: 'send', conversationId: id, content: 42 }, 'invalid_frame');
    await errorAt({ type: 'send', conversationId: id, content: 'x', extra: true }, 'invalid_frame');
    await errorAt({ type: 'attach', conversationId: id, messageId: 'not-a-uuid' }, 'invalid_frame');
    await errorAt({ type: 'send', conversationId: '../etc', content: 'x' }, 'invalid_frame');
    await errorAt({ type: 'send', conversationId: id, content: 'a\u0000b' }, 'invalid_frame');
    await errorAt({ type: 'send', conversationId: id, content: '   ' }, 'empty_message');
    await errorAt(
      `{"type":"send","conversationId":"${id}","content":"x","model":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      'invalid_frame',
    );
    await errorAt(
      { type: 'send', conversationId: id, content: 'x', model: 'no-such-model' },
      'model_not_allowed',
    );
    expect(socket.closeCode).toBeUndefined();
    // Still usable.
    socket.send({ type: 'send', conversationId: id, content: 'Still there?' });
    const answerId = answerIdOf(await startOf(socket));
    expect((await socket.untilEnd(answerId)).at(-1)!.event).toBe('message.end');
  });

  it("refuses another user's conversation and answer as not found", async () => {
    const owner = uniqueUser();
    const id = await newConversation(h.t, owner);
    const mine = await open(owner);
    mine.send({ type: 'send', conversationId: id, content: 'Private' });
    const answerId = answerIdOf(await startOf(mine));
    await mine.untilEnd(answerId);

    const intruder = await open(uniqueUser());
    intruder.send({ type: 'send', conversationId: id, content: 'Let me in' });
    await intruder.next((f) => f.type === 'error');
    intruder.send({ type: 'attach', conversationId: id, messageId: answerId });
    await intruder.next((f) => f.type === 'error', 5000, 1);
    intruder.send({ type: 'stop', conversationId: id, messageId: answerId });
    await intruder.next((f) => f.type === 'error', 5000, 2);
    // The HTTP API's 404 codes: nothing tells the conversation exists.
    expect(intruder.frames.map((f) => [f.type, f.code])).toEqual([
      ['error', 'conversation_not_found'],
      ['error', 'message_not_found'],
      ['error', 'message_not_found'],
    ]);
    expect(intruder.frames.some((f) => f.type === 'event')).toBe(false);
    expect((await storedMessages(h.t, owner, id)).map((m) => m.content)).not.toContain('Let me in');
  });

  it('closes the socket on a frame larger than WS_MAX_FRAME_BYTES', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const socket = await open(user);
    socket.send({ type: 'send', conversationId: id, content: 'x'.repeat(300 * 1024) });
    expect(await socket.closed()).toBe(1009);
  });
});

describe('WebSocket with STREAM_ON_DISCONNECT=abort', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness('mock', {
      chunkDelayMs: CHUNK_DELAY_MS,
      env: { STREAM_ON_DISCONNECT: 'abort' },
    });
  });
  afterAll(() => h?.close());

  it('cancels the answers a dropped socket started, not those it only followed', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const sender = await TestSocket.open(h.t.url, { headers: { 'X-User-Id': user } });
    sender.send({ type: 'send', conversationId: id, content: h.long('Kept') });
    const kept = answerIdOf(await startOf(sender));
    const watcher = await TestSocket.open(h.t.url, { headers: { 'X-User-Id': user } });
    watcher.send({ type: 'attach', conversationId: id, messageId: kept });
    await watcher.next((f) => f.event === 'delta');
    watcher.socket.terminate();
    expect((await sender.untilEnd(kept)).at(-1)!.event).toBe('message.end');

    const other = await newConversation(h.t, user);
    sender.send({ type: 'send', conversationId: other, content: h.long('Dropped') });
    const dropped = answerIdOf(
      await sender.next((f) => f.event === 'message.start' && f.conversationId === other),
    );
    await sender.next((f) => f.event === 'delta' && f.messageId === dropped);
    sender.socket.terminate();
    const stored = await waitForStored(h.t, user, other, dropped, (m) => m.status !== 'streaming');
    expect(stored).toMatchObject({ status: 'cancelled', error: { code: 'client_disconnected' } });
  });
});

describe('WebSocket rate limits', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness('mock', { env: { RATE_LIMIT_CHAT: '2/60s' } });
  });
  afterAll(() => h?.close());

  it('counts sends over HTTP and the socket against one chat limit, and keeps the socket open', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    const http = await request(h.t.url)
      .post(`/api/v1/conversations/${id}/messages`)
      .set('X-User-Id', user)
      .send({ content: 'over HTTP' });
    expect(http.status).toBe(201);
    const socket = await TestSocket.open(h.t.url, { headers: { 'X-User-Id': user } });
    socket.send({ type: 'send', conversationId: id, content: 'over the socket' });
    const answerId = answerIdOf(await startOf(socket));
    await socket.untilEnd(answerId);
    socket.send({ type: 'send', conversationId: id, content: 'one too many' });
    const refused = await socket.next((f) => f.type === 'error');
    expect(refused).toMatchObject({
      code: 'rate_limited',
      details: { limit: 'chat', max: 2, windowSeconds: 60 },
    });
    expect((refused.details as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
    expect(socket.closeCode).toBeUndefined();
    const later = await request(h.t.url)
      .post(`/api/v1/conversations/${id}/messages`)
      .set('X-User-Id', user)
      .send({ content: 'HTTP again' });
    expect(later.status).toBe(429);
    // Reads have their own limit: attaching still works.
    socket.send({ type: 'attach', conversationId: id, messageId: answerId, lastEventId: 0 });
    expect((await socket.untilEnd(answerId)).length).toBeGreaterThan(2);
    expect((await storedMessages(h.t, user, id)).map((m) => m.content)).not.toContain(
      'one too many',
    );
    socket.close();
  });
});

const ADMIN_KEY = 'ws-test-bootstrap-admin-key-0123456789abcdef';

describe('WebSocket /api/v1/ws (AUTH_MODE=jwt)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      AUTH_MODE: 'jwt',
      JWT_SECRET: HS_SECRET,
      ADMIN_API_KEY: ADMIN_KEY,
      LLM_PROVIDER: 'mock',
      MOCK_TOKEN_DELAY_MS: '0',
      RATE_LIMIT_CHAT: '100000/60s',
      RATE_LIMIT_READ: '100000/60s',
    });
  });
  afterAll(() => t?.close());

  const createConversation = async (token: string) => {
    const res = await request(t.url)
      .post('/api/v1/conversations')
      .set('Authorization', `Bearer ${token}`)
      .send({});
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('refuses a socket that sends a frame before authenticating (4401), and ignores X-User-Id', async () => {
    const socket = await TestSocket.open(t.url, { headers: { 'X-User-Id': 'someone' } });
    socket.send({ type: 'send', conversationId: 'c1', content: 'hi' });
    expect(await socket.next((f) => f.type === 'error')).toMatchObject({ code: 'unauthorized' });
    expect(await socket.closed()).toBe(4401);
  });

  it('refuses a bad token in the handshake (4401)', async () => {
    const socket = await TestSocket.open(t.url, { protocols: ['bearer', 'not.a.jwt'] });
    expect(await socket.next((f) => f.type === 'error')).toMatchObject({ code: 'invalid_token' });
    expect(await socket.closed()).toBe(4401);
  });

  it('accepts a token in Sec-WebSocket-Protocol and streams for its subject', async () => {
    const user = uniqueUser();
    const token = await hs256Token({ sub: user });
    const id = await createConversation(token);
    const socket = await TestSocket.open(t.url, { protocols: ['bearer', token] });
    expect(socket.socket.protocol).toBe('bearer');
    socket.send({ type: 'send', conversationId: id, content: 'Authenticated hello' });
    const answerId = answerIdOf(await startOf(socket));
    expect((await socket.untilEnd(answerId)).at(-1)!.event).toBe('message.end');
    socket.close();
  });

  it("accepts a token in the first frame; another user's token sees conversation_not_found", async () => {
    const user = uniqueUser();
    const id = await createConversation(await hs256Token({ sub: user }));
    const socket = await TestSocket.open(t.url);
    socket.send({ type: 'auth', token: await hs256Token({ sub: uniqueUser() }) });
    expect(await socket.next((f) => f.type === 'authenticated')).toBeDefined();
    socket.send({ type: 'send', conversationId: id, content: 'not mine' });
    expect(await socket.next((f) => f.type === 'error')).toMatchObject({
      code: 'conversation_not_found',
    });
    expect(socket.closeCode).toBeUndefined();
    socket.close();
  });

  it("accepts an API key as its owner's credential (handshake or first frame); a revoked key is refused", async () => {
    const owner = uniqueUser();
    const ownerToken = await hs256Token({ sub: owner });
    const id = await createConversation(ownerToken);
    const created = await request(t.url)
      .post('/api/v1/admin/api-keys')
      .set('x-api-key', ADMIN_KEY)
      .send({ name: 'socket', ownerId: owner })
      .expect(201);
    const key = created.body.key as string;

    const byProtocol = await TestSocket.open(t.url, { protocols: ['bearer', key] });
    byProtocol.send({ type: 'send', conversationId: id, content: 'Sent with a key' });
    const answerId = answerIdOf(await startOf(byProtocol));
    expect((await byProtocol.untilEnd(answerId)).at(-1)!.event).toBe('message.end');
    byProtocol.close();

    const byFrame = await TestSocket.open(t.url);
    byFrame.send({ type: 'auth', token: key });
    expect(await byFrame.next((f) => f.type === 'authenticated')).toMatchObject({ userId: owner });
    byFrame.close();

    await request(t.url)
      .delete(`/api/v1/admin/api-keys/${created.body.id}`)
      .set('x-api-key', ADMIN_KEY)
      .expect(204);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const revoked = await TestSocket.open(t.url, { protocols: ['bearer', key] });
    expect(await revoked.next((f) => f.type === 'error')).toMatchObject({
      code: 'invalid_api_key',
    });
    expect(await revoked.closed()).toBe(4401);
  });
});
