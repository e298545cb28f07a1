import request from 'supertest';
import { BedrockEmulator, startBedrockEmulator } from '../apps/bedrock-emulator';
import { OwnRedisServer } from './support/redis-server';
import { createConversation, LONG, replicaEnv } from './support/replicas';
import { deltaText, openSse, SseEvent, SseStream } from './support/sse';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

const POISON = 'POISONED';
/** What the emulator answers a question containing POISON: text PostgreSQL cannot store as it is. */
const POISONED_REPLY = 'nul\u0000 here and a lone \ud800 surrogate, then \udc00 another end';
const STORABLE_REPLY = 'nul\uFFFD here and a lone \uFFFD surrogate, then \uFFFD another end';

const ids = (events: SseEvent[]) => events.map((e) => Number(e.id));
const terminal = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'message.end' || e.event === 'error');

interface StoredMessage {
  id: string;
  status: string;
  content: string;
  error: { code: string } | null;
}

async function stored(t: TestApp, user: string, conversationId: string, messageId: string) {
  const res = await request(t.url)
    .get(`/api/v1/conversations/${conversationId}/messages?all=true`)
    .set('X-User-Id', user)
    .expect(200);
  return (res.body as StoredMessage[]).find((m) => m.id === messageId)!;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function appEnv(emulator: BedrockEmulator, redisUrl: string): Record<string, string> {
  return replicaEnv(emulator.url, redisUrl, {
    STREAM_ON_DISCONNECT: 'continue',
    STREAM_CHECKPOINT_MS: '100',
    STREAM_LEASE_MS: '1000',
  });
}

/** Starts a turn on `t` and reads its first `count` events. */
async function startTurn(t: TestApp, user: string, content: string, count: number) {
  const id = await createConversation(t, user);
  const stream = await openSse(`${t.url}/api/v1/conversations/${id}/messages`, {
    headers: { 'X-User-Id': user },
    body: { content },
  });
  const seen = await stream.take(count);
  return { id, stream, seen, messageId: seen[0].data.assistantMessageId as string };
}

const reattach = (t: TestApp, user: string, id: string, messageId: string, lastEventId: string) =>
  openSse(`${t.url}/api/v1/conversations/${id}/messages/${messageId}/stream`, {
    headers: { 'X-User-Id': user, 'Last-Event-ID': lastEventId },
  });

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)(
  'Streams under faults: two replicas sharing PostgreSQL and Redis',
  () => {
    let emulator: BedrockEmulator;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      emulator = await startBedrockEmulator({
        defaults: {
          chunkDelayMs: 40,
          reply: ({ body }) =>
            JSON.stringify(body).includes(POISON) ? POISONED_REPLY : `Answer: ${LONG}`,
        },
      });
      const env = appEnv(emulator, redisUrl!);
      [a, b] = await Promise.all([createTestApp(env), createTestApp(env)]);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await emulator?.close();
    });

    it('an answer with NUL and lone surrogates streams beside five others; all six stored as their clients saw them', async () => {
      const users = Array.from({ length: 6 }, () => uniqueUser());
      const turns = await Promise.all(
        users.map((user, i) => startTurn(a, user, i === 0 ? `${POISON} question` : LONG, 1)),
      );
      const results = await Promise.all(turns.map((turn) => turn.stream.collect(30000)));
      for (const [index, turn] of turns.entries()) {
        const events = [...turn.seen, ...results[index]];
        expect(terminal(events).map((e) => e.event)).toEqual(['message.end']);
        const message = await stored(a, users[index], turn.id, turn.messageId);
        expect(message.status).toBe('complete');
        expect(message.content).toBe(deltaText(events));
      }
      expect(deltaText(results[0])).toBe(STORABLE_REPLY);
    });

    it('a turn finished on A is replayed on B from Last-Event-ID 3: events 4..end, each once', async () => {
      const user = uniqueUser();
      const turn = await startTurn(a, user, LONG, 1);
      const onA = await turn.stream.collect(30000);
      expect(terminal(onA).map((e) => e.event)).toEqual(['message.end']);
      const onB = await (await reattach(b, user, turn.id, turn.messageId, '3')).collect(15000);
      expect(ids(onB)).toEqual(onA.slice(4).map((e) => Number(e.id)));
      expect(onB).toEqual(onA.slice(4));
      const message = await stored(b, user, turn.id, turn.messageId);
      expect(deltaText([...onA.slice(0, 4), ...onB])).toBe(message.content);
    });
  },
);

(redisUrl ? describe : describe.skip)(
  "Streams under faults: a Redis of the test's own that stops and restarts empty",
  () => {
    let emulator: BedrockEmulator;
    let redis: OwnRedisServer;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      redis = await OwnRedisServer.start();
      emulator = await startBedrockEmulator({
        defaults: { chunkDelayMs: 60, reply: () => `Answer: ${LONG}` },
      });
      const env = appEnv(emulator, redis.url);
      [a, b] = await Promise.all([createTestApp(env), createTestApp(env)]);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await emulator?.close();
      await redis?.down();
    });
    afterEach(async () => {
      await redis.down();
      await redis.up();
    });

    it('after Redis restarts empty mid-turn, a re-attach on B gets every event after its id or the whole stored message', async () => {
      const user = uniqueUser();
      const turn = await startTurn(a, user, LONG, 6);
      await new Promise((r) => setTimeout(r, 100)); // A's batched log writes land
      await redis.down();
      await redis.up();
      await turn.stream.take(12, 10000);
      // From an event Redis held before it restarted: the replay must not skip what it lost.
      const seen = turn.seen.slice(0, 3);
      const lastId = seen[2].id!;
      // A client re-attaches until it gets the answer; each attempt may end early with the
      // retryable stream_unavailable (B's Redis connection is itself reconnecting), never with a gap.
      let onB: SseEvent[] = [];
      for (let attempt = 0; attempt < 20; attempt += 1) {
        onB = await (await reattach(b, user, turn.id, turn.messageId, lastId)).collect(30000);
        const contiguous = onB.filter((e) => e.id !== undefined);
        if (!(contiguous.length === 1 && contiguous[0].event === 'message.end')) {
          expect(ids(contiguous)).toEqual(contiguous.map((_, i) => Number(lastId) + 1 + i));
        }
        if (onB[onB.length - 1].data?.code !== 'stream_unavailable') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      await waitUntil(
        async () => (await stored(b, user, turn.id, turn.messageId)).status !== 'streaming',
      );
      const message = await stored(b, user, turn.id, turn.messageId);
      expect(message.status).toBe('complete');
      expect(terminal(onB)).toHaveLength(1);
      const whole = onB.length === 1 && onB[0].event === 'message.end';
      if (whole) expect(onB[0].data.message.content).toBe(message.content);
      else {
        expect(ids(onB)).toEqual(onB.map((_, i) => Number(lastId) + 1 + i));
        expect(deltaText([...seen, ...onB])).toBe(message.content);
      }
      turn.stream.destroy();
    });

    it('a follower on B when Redis drops gets one terminal error event, retryable', async () => {
      const user = uniqueUser();
      const turn = await startTurn(a, user, LONG, 3);
      // Follow on B once A's log is in Redis (until then B waits for the stored answer instead).
      let follower: SseStream | undefined;
      for (let attempt = 0; attempt < 20 && !follower; attempt += 1) {
        const candidate = await reattach(b, user, turn.id, turn.messageId, turn.seen[2].id!);
        const first = await candidate.take(1, 1000).catch(() => []);
        if (first[0]?.event === 'delta') follower = candidate;
        else candidate.destroy();
      }
      if (!follower) throw new Error("B never followed A's log");
      await redis.down();
      const events = await follower.collect(15000);
      expect(terminal(events)).toHaveLength(1);
      const last = events[events.length - 1];
      expect(last.event).toBe('error');
      expect(last.data).toMatchObject({ code: 'stream_unavailable', retryable: true });
      expect(last.id).toBeUndefined();
      // The turn itself goes on on A and is stored whole.
      await redis.up();
      await waitUntil(
        async () => (await stored(a, user, turn.id, turn.messageId)).status === 'complete',
      );
      turn.stream.destroy();
    });

    it('a stop sent to B while Redis is down answers 503 with Retry-After, and the turn goes on', async () => {
      const user = uniqueUser();
      const turn = await startTurn(a, user, LONG, 3);
      await redis.down();
      const stop = await request(b.url)
        .post(`/api/v1/conversations/${turn.id}/messages/${turn.messageId}/stop`)
        .set('X-User-Id', user)
        .expect(503);
      expect(stop.headers['retry-after']).toMatch(/^\d+$/);
      expect(stop.body.error).toMatchObject({ code: 'stop_unavailable' });
      expect(typeof stop.body.error.requestId).toBe('string');
      const events = await turn.stream.collect(30000);
      expect(terminal(events).map((e) => e.event)).toEqual(['message.end']);
    });
  },
);
