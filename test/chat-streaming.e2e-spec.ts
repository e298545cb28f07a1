import * as http from 'node:http';
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

/** Chunks arrive every 25 ms, so a test can act while an answer is still streaming. */
const CHUNK_DELAY_MS = 25;

/** Sends a JSON (non-streamed) message on a raw socket the test can cut. */
function rawJsonSend(url: string, user: string, body: object): http.ClientRequest {
  const payload = JSON.stringify(body);
  const req = http.request(url, {
    method: 'POST',
    agent: false,
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(payload)),
      'X-User-Id': user,
    },
  });
  req.on('error', () => undefined);
  req.end(payload);
  return req;
}

describe.each(PROVIDERS)('A turn outlives its connection (%s)', (provider) => {
  describe('STREAM_ON_DISCONNECT=continue', () => {
    let h: ChatHarness;
    beforeAll(async () => {
      h = await startChatHarness(provider, {
        chunkDelayMs: CHUNK_DELAY_MS,
        // The smallest heartbeat period the config allows, so one shows up in a test.
        env: { STREAM_ON_DISCONNECT: 'continue', STREAM_HEARTBEAT_MS: '1000' },
      });
    });
    afterAll(() => h?.close());
    beforeEach(() => h.reset());

    it('a client gone mid-stream: the turn finishes, is stored complete, the model was called once', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const content = 'Tell me about content security policies';
      const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
        body: { content },
        headers: { 'X-User-Id': user },
      });
      const seen = await s.take(3);
      expect(seen.map((e) => e.event)).toEqual(['message.start', 'delta', 'delta']);
      const answerId = seen[0].data.assistantMessageId as string;
      s.destroy();

      const stored = await waitForStored(h.t, user, id, answerId, isSettled);
      expect(stored.status).toBe('complete');
      expect(stored.error).toBeNull();
      expect(stored.content.startsWith(deltaText(seen))).toBe(true);
      expect(stored.content.length).toBeGreaterThan(deltaText(seen).length);
      if (h.emulator) {
        expect(stored.content).toBe(`Emulated reply to: ${content}`);
        expect(h.emulator.requests[0]).toMatchObject({ clientClosed: false, finished: true });
      }
      expect(h.isWholeAnswer(stored.content, content)).toBe(true);
      expect(h.modelCalls()).toBe(1);
    });

    it('a client gone mid-stream re-attaches with Last-Event-ID and gets the rest of the events', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
        body: { content: h.long('Re-attach to me') },
        headers: { 'X-User-Id': user },
      });
      const seen = await s.take(3);
      const answerId = seen[0].data.assistantMessageId as string;
      s.destroy();

      const again = await openSse(`${h.t.url}${messagesPath(id)}/${answerId}/stream`, {
        headers: { 'X-User-Id': user, 'Last-Event-ID': seen[2].id! },
      });
      expect(again.status).toBe(200);
      expect(again.headers['content-type']).toMatch(/^text\/event-stream/);
      const rest = await again.collect(10000);
      expect(rest[0].id).toBe('3');
      expect(rest.map((e) => e.id)).toEqual(rest.map((_, i) => String(i + 3)));
      expect(rest.filter((e) => e.event === 'message.end' || e.event === 'error')).toHaveLength(1);
      expect(rest.at(-1)!.event).toBe('message.end');
      const text = deltaText(seen) + deltaText(rest);
      expect(rest.at(-1)!.data.message.content).toBe(text);
      const stored = await waitForStored(h.t, user, id, answerId, isSettled);
      expect(stored).toMatchObject({ status: 'complete', content: text });
      expect(h.modelCalls()).toBe(1);
    });

    it('a clientMessageId resent while its answer streams follows that answer; the model is called once', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const body = { content: 'Idempotent while streaming', clientMessageId: 'live-1' };
      const first = await openSse(`${h.t.url}${messagesPath(id)}`, {
        body,
        headers: { 'X-User-Id': user },
      });
      const [start] = await first.take(2);
      const answerId = start.data.assistantMessageId as string;

      const [json, sse] = await Promise.all([
        as(h.t, user).post(messagesPath(id), body),
        openSse(`${h.t.url}${messagesPath(id)}`, { body, headers: { 'X-User-Id': user } }),
      ]);
      const firstEvents = await first.collect();
      const stored = await waitForStored(h.t, user, id, answerId, isSettled);
      expect(stored.status).toBe('complete');
      expect(deltaText(firstEvents)).toBe(stored.content);
      // JSON: the stored turn once finished (or a 409 saying it is still in progress).
      if (json.status === 409) {
        expect(json.body.error.code).toBe('turn_in_progress');
      } else {
        expect(json.status).toBe(200);
        expect(json.body.replayed).toBe(true);
        expect(json.body.assistantMessage).toMatchObject({
          id: answerId,
          status: 'complete',
          content: stored.content,
        });
      }
      // SSE: the same answer, ending in one message.end.
      const replayed = await sse.collect();
      expect(replayed.filter((e) => e.event === 'message.end' || e.event === 'error')).toHaveLength(
        1,
      );
      expect(replayed.at(-1)!.event).toBe('message.end');
      expect(replayed.at(-1)!.data.message).toMatchObject({
        id: answerId,
        content: stored.content,
      });
      expect(h.modelCalls()).toBe(1);
      expect(await storedMessages(h.t, user, id)).toHaveLength(2);
    });

    it('POST .../stop stores the streaming turn cancelled with its partial text; a second stop returns the same', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
        body: { content: h.long('Stop me early') },
        headers: { 'X-User-Id': user },
      });
      const seen = await s.take(3);
      const answerId = seen[0].data.assistantMessageId as string;

      const stop = await as(h.t, user)
        .post(`${messagesPath(id)}/${answerId}/stop`)
        .expect(200);
      expect(stop.body).toMatchObject({ id: answerId, role: 'assistant', status: 'cancelled' });
      expect(stop.body.error).toMatchObject({ code: 'cancelled' });
      expect(stop.body.content.startsWith(deltaText(seen))).toBe(true);

      const events = await s.collect();
      expect(events.map((e) => e.id)).toEqual(events.map((_, i) => String(i)));
      const ends = events.filter((e) => e.event === 'message.end' || e.event === 'error');
      expect(ends).toHaveLength(1);
      expect(events.at(-1)!.event).toBe('error');
      expect(events.at(-1)!.data).toMatchObject({ code: 'cancelled', messageId: answerId });
      // What was streamed is exactly what was stored.
      expect(deltaText(events)).toBe(stop.body.content);

      const second = await as(h.t, user)
        .post(`${messagesPath(id)}/${answerId}/stop`)
        .expect(200);
      expect(second.body).toMatchObject({
        id: answerId,
        status: 'cancelled',
        content: stop.body.content,
      });
      const stored = (await storedMessages(h.t, user, id)).find((m) => m.id === answerId)!;
      expect(stored).toMatchObject({ status: 'cancelled', content: stop.body.content });
      if (h.emulator) {
        const closed = await h.emulator.waitForClientClose(0, 3000);
        expect(closed.finished).toBe(false);
      }
      expect(h.modelCalls()).toBe(1);
    });

    it('while the model is silent: the question is stored, heartbeats keep the stream open, stop ends it', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
        body: { content: h.fault('hang', 'Are you there?') },
        headers: { 'X-User-Id': user },
      });
      const [start] = await s.take(1);
      const answerId = start.data.assistantMessageId as string;
      const deadline = Date.now() + 3000;
      while (h.modelCalls() === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(h.modelCalls()).toBe(1);
      // The model has the question and has not answered: the question is already stored.
      const during = await storedMessages(h.t, user, id);
      expect(during.map((m) => [m.role, m.status])).toEqual([
        ['user', 'complete'],
        ['assistant', 'streaming'],
      ]);

      await s.waitForComment('heartbeat', 3000);
      const stop = await as(h.t, user)
        .post(`${messagesPath(id)}/${answerId}/stop`)
        .expect(200);
      expect(stop.body).toMatchObject({ id: answerId, status: 'cancelled', content: '' });
      const events = await s.collect();
      expect(events.map((e) => e.event)).toEqual(['message.start', 'error']);
      expect(events[1].data.code).toBe('cancelled');
      if (h.emulator) await h.emulator.waitForClientClose(0, 3000);
    });

    it('stop on a finished answer returns it unchanged; on a user message or a bad id it refuses', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const turn = await as(h.t, user).post(messagesPath(id), { content: 'quick' }).expect(201);
      const { assistantMessage, userMessage } = turn.body;
      const stop = await as(h.t, user)
        .post(`${messagesPath(id)}/${assistantMessage.id}/stop`)
        .expect(200);
      expect(stop.body).toMatchObject({
        id: assistantMessage.id,
        status: 'complete',
        content: assistantMessage.content,
      });
      await as(h.t, user)
        .post(`${messagesPath(id)}/${userMessage.id}/stop`)
        .expect(404);
      await as(h.t, user)
        .post(`${messagesPath(id)}/not-a-uuid/stop`)
        .expect(400);
      await as(h.t, user)
        .post(`${messagesPath(id)}/01890000-0000-7000-8000-000000000000/stop`)
        .expect(404);
    });
  });

  describe('STREAM_ON_DISCONNECT=abort', () => {
    let h: ChatHarness;
    beforeAll(async () => {
      h = await startChatHarness(provider, {
        chunkDelayMs: CHUNK_DELAY_MS,
        env: { STREAM_ON_DISCONNECT: 'abort' },
      });
    });
    afterAll(() => h?.close());
    beforeEach(() => h.reset());

    it('a client gone mid-stream: the upstream call is aborted, the turn stored cancelled with its partial text', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
        body: { content: h.long('Abort me') },
        headers: { 'X-User-Id': user },
      });
      const seen = await s.take(3);
      const answerId = seen[0].data.assistantMessageId as string;
      s.destroy();

      if (h.emulator) {
        const closed = await h.emulator.waitForClientClose(0, 3000);
        expect(closed).toMatchObject({ clientClosed: true, finished: false });
      }
      const stored = await waitForStored(h.t, user, id, answerId, isSettled);
      expect(stored.status).toBe('cancelled');
      expect(stored.error).toMatchObject({ code: 'client_disconnected' });
      expect(stored.content.length).toBeGreaterThanOrEqual(deltaText(seen).length);
      expect(stored.content.startsWith(deltaText(seen))).toBe(true);
      // Only part of the answer: the long echo never finished.
      expect(h.isWholeAnswer(stored.content, h.long('Abort me'))).toBe(false);
      expect(h.modelCalls()).toBe(1);
    });

    it('a JSON client gone while the answer is produced: aborted and stored cancelled too', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const content = h.long('JSON abort');
      const req = rawJsonSend(`${h.t.url}${messagesPath(id)}`, user, { content });
      // Wait until the turn is stored and the model call is under way, then hang up. (The row is
      // 'streaming' from the start: hanging up before the call would cancel it without one.)
      let answerId: string | undefined;
      const deadline = Date.now() + 3000;
      while (!(answerId && h.modelCalls() > 0) && Date.now() < deadline) {
        const streaming = (await storedMessages(h.t, user, id)).find(
          (m) => m.role === 'assistant' && m.status === 'streaming',
        );
        answerId = streaming?.id;
        if (!(answerId && h.modelCalls() > 0))
          await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(answerId).toBeDefined();
      expect(h.modelCalls()).toBe(1);
      req.destroy();
      if (h.emulator) await h.emulator.waitForClientClose(0, 3000);
      const stored = await waitForStored(h.t, user, id, answerId!, isSettled);
      expect(stored.status).toBe('cancelled');
      expect(stored.error).toMatchObject({ code: 'client_disconnected' });
      expect(h.isWholeAnswer(stored.content, content)).toBe(false);
      expect(h.modelCalls()).toBe(1);
    });

    it('a client that stays gets the whole answer in abort mode as well', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const s = await openSse(`${h.t.url}${messagesPath(id)}`, {
        body: { content: 'short one' },
        headers: { 'X-User-Id': user },
      });
      const events = await s.collect();
      expect(events.at(-1)!.event).toBe('message.end');
      const stored = await waitForStored(
        h.t,
        user,
        id,
        events[0].data.assistantMessageId,
        isSettled,
      );
      expect(stored).toMatchObject({ status: 'complete', content: deltaText(events) });
    });
  });
});
