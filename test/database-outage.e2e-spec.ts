import { rmSync } from 'node:fs';
import request from 'supertest';
import { EmbeddedPostgres } from '../libs/platform/database/embedded-postgres.launcher';
import { freePort } from './support/free-port';
import { createConversation, LONG } from './support/replicas';
import { openSse } from './support/sse';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

const TURNS_PER_SECOND = 5;
const RUN_MS = 17000;
const STOP_AT_MS = 3000;
const OUTAGE_MS = 10000;

/** What a client was told about one turn. */
interface Outcome {
  conversationId: string;
  mode: 'json' | 'sse';
  startedAt: number;
  endedAt: number;
  /** The answer confirmed to the client (201 or message.end), if it was. */
  confirmed?: { messageId: string; content: string };
  /** Otherwise: the HTTP status and error code, or the stream's error event code. */
  refused?: { status: number; code: string; retryAfter?: string; retryable?: boolean };
}

interface StoredMessage {
  id: string;
  role: string;
  status: string;
  content: string;
  error: { code: string } | null;
}

/**
 * The app against a PostgreSQL this test owns, stopped for 10 s while turns arrive at 5/s: an
 * answer confirmed to its client must be stored complete with its whole text, and what the
 * outage refuses is a 503 the client may retry, never a 500.
 */
describe('PostgreSQL outage under load', () => {
  const dataDir = `.data/postgres-outage-${process.pid}`;
  let pg: EmbeddedPostgres;
  let t: TestApp;
  let savedUrl: string | undefined;
  const user = uniqueUser('outage');

  beforeAll(async () => {
    pg = new EmbeddedPostgres({ dataDir, port: await freePort() });
    savedUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = await pg.start();
    t = await createTestApp({
      LLM_PROVIDER: 'mock',
      MOCK_TOKEN_DELAY_MS: '30',
      STREAM_ON_DISCONNECT: 'continue',
      STREAM_CHECKPOINT_MS: '200',
      STREAM_LEASE_MS: '2000',
      RATE_LIMIT_CHAT: '10000/60s',
      RATE_LIMIT_READ: '10000/60s',
      REDIS_URL: undefined,
    });
  }, 120000);

  afterAll(async () => {
    await t?.close();
    await pg?.stop();
    process.env.DATABASE_URL = savedUrl;
    rmSync(dataDir, { recursive: true, force: true });
  }, 60000);

  async function sendJson(conversationId: string): Promise<Outcome> {
    const startedAt = Date.now();
    const res = await request(t.url)
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set('X-User-Id', user)
      .send({ content: LONG });
    const outcome: Outcome = { conversationId, mode: 'json', startedAt, endedAt: Date.now() };
    if (res.status === 201 && res.body.assistantMessage?.status === 'complete') {
      const answer = res.body.assistantMessage as StoredMessage;
      outcome.confirmed = { messageId: answer.id, content: answer.content };
    } else {
      outcome.refused = {
        status: res.status,
        code: res.body?.error?.code ?? res.body?.assistantMessage?.error?.code,
        retryAfter: res.headers['retry-after'],
      };
    }
    return outcome;
  }

  async function sendSse(conversationId: string): Promise<Outcome> {
    const startedAt = Date.now();
    const stream = await openSse(`${t.url}/api/v1/conversations/${conversationId}/messages`, {
      headers: { 'X-User-Id': user },
      body: { content: LONG },
      timeoutMs: 30000,
    });
    const outcome: Outcome = { conversationId, mode: 'sse', startedAt, endedAt: 0 };
    if (stream.status !== 200) {
      const body = await stream.json<{ error: { code: string } }>(30000);
      outcome.refused = {
        status: stream.status,
        code: body.error.code,
        retryAfter: stream.headers['retry-after'] as string | undefined,
      };
    } else {
      const events = await stream.collect(45000);
      const last = events[events.length - 1];
      if (last.event === 'message.end') {
        const message = last.data.message as StoredMessage;
        outcome.confirmed = { messageId: message.id, content: message.content };
      } else {
        outcome.refused = { status: 200, code: last.data.code, retryable: last.data.retryable };
      }
    }
    outcome.endedAt = Date.now();
    return outcome;
  }

  it('stores every confirmed answer whole, confirms nothing while PostgreSQL is down, and refuses with 503', async () => {
    const count = Math.floor((RUN_MS / 1000) * TURNS_PER_SECOND);
    const conversations: string[] = [];
    for (let i = 0; i < count; i += 1) conversations.push(await createConversation(t, user));

    const begin = Date.now();
    let stoppedAt = 0;
    let restartedAt = 0;
    let readDuringOutage: request.Response | undefined;
    const outage = (async () => {
      await new Promise((r) => setTimeout(r, STOP_AT_MS));
      await pg.stop();
      stoppedAt = Date.now();
      readDuringOutage = await request(t.url).get('/api/v1/conversations').set('X-User-Id', user);
      await new Promise((r) => setTimeout(r, OUTAGE_MS - (Date.now() - stoppedAt)));
      await pg.start();
      restartedAt = Date.now();
    })();
    const turns: Promise<Outcome>[] = [];
    for (let i = 0; i < count; i += 1) {
      const due = begin + (i * 1000) / TURNS_PER_SECOND;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      turns.push(i % 2 === 0 ? sendJson(conversations[i]) : sendSse(conversations[i]));
    }
    await outage;
    const outcomes = await Promise.all(turns);

    expect(readDuringOutage?.status).toBe(503);
    expect(readDuringOutage?.body.error.code).toBe('database_unavailable');
    expect(readDuringOutage?.headers['retry-after']).toBe('5');

    const confirmed = outcomes.filter((o) => o.confirmed);
    const refused = outcomes.filter((o) => o.refused);
    // Turns before the outage, turns in flight across it, and turns refused during it all happened.
    expect(confirmed.length).toBeGreaterThan(10);
    expect(refused.length).toBeGreaterThan(5);
    const carriedAcross = confirmed.filter(
      (o) => o.startedAt < stoppedAt && o.endedAt > restartedAt,
    );
    expect(carriedAcross.length).toBeGreaterThan(0);
    // Nothing is confirmed while the database cannot store it (a second of slack for the stop).
    expect(
      confirmed.filter((o) => o.endedAt > stoppedAt + 1000 && o.endedAt < restartedAt),
    ).toEqual([]);
    for (const o of refused) {
      if (o.refused!.status === 200) {
        expect(o.refused).toMatchObject({ code: 'database_unavailable', retryable: true });
      } else {
        expect(o.refused).toMatchObject({ status: 503, code: 'database_unavailable' });
        expect(Number(o.refused!.retryAfter)).toBeGreaterThan(0);
      }
    }

    // Every answer a client was given is stored complete, with the very text it was given.
    for (const o of confirmed) {
      const res = await request(t.url)
        .get(`/api/v1/conversations/${o.conversationId}/messages?all=true`)
        .set('X-User-Id', user)
        .expect(200);
      const stored = (res.body as StoredMessage[]).find((m) => m.id === o.confirmed!.messageId);
      expect({ id: stored?.id, status: stored?.status, content: stored?.content }).toEqual({
        id: o.confirmed!.messageId,
        status: 'complete',
        content: o.confirmed!.content,
      });
    }
  }, 120000);
});
