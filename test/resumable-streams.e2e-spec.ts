import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { BedrockEmulator, startBedrockEmulator } from '../apps/bedrock-emulator';
import { gracefulShutdown } from '@app/platform';
import { createConversation, LONG, replicaEnv } from './support/replicas';
import { deltaText, openSse, SseEvent } from './support/sse';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';
import { freePort } from './support/free-port';

const ids = (events: SseEvent[]) => events.map((e) => Number(e.id));

async function storedAssistant(
  t: TestApp,
  user: string,
  conversationId: string,
  messageId: string,
) {
  const res = await request(t.url)
    .get(`/api/v1/conversations/${conversationId}/messages?all=true`)
    .set('X-User-Id', user)
    .expect(200);
  return (
    res.body as { id: string; status: string; content: string; error: { code: string } | null }[]
  ).find((m) => m.id === messageId)!;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Resumable streams (in-process event log)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MOCK_TOKEN_DELAY_MS: '15', STREAM_ON_DISCONNECT: 'continue' });
  });
  afterAll(() => t.close());

  it('a client that drops mid-stream re-attaches with Last-Event-ID and misses or repeats nothing', async () => {
    const user = uniqueUser();
    const id = await createConversation(t, user);
    const first = await openSse(`${t.url}/api/v1/conversations/${id}/messages`, {
      headers: { 'X-User-Id': user },
      body: { content: LONG },
    });
    const seen = await first.take(5);
    first.destroy();
    const start = seen[0];
    expect(start.event).toBe('message.start');
    const messageId = start.data.assistantMessageId as string;

    const lastId = seen[seen.length - 1].id!;
    const again = await openSse(
      `${t.url}/api/v1/conversations/${id}/messages/${messageId}/stream`,
      { headers: { 'X-User-Id': user, 'Last-Event-ID': lastId } },
    );
    const rest = await again.collect(15000);
    const all = [...seen, ...rest];
    expect(ids(all)).toEqual(all.map((_, i) => i));
    expect(all.filter((e) => e.event === 'message.end')).toHaveLength(1);
    const stored = await storedAssistant(t, user, id, messageId);
    expect(stored.status).toBe('complete');
    expect(deltaText(all)).toBe(stored.content);

    // Several readers at once, and ?lastEventId= as the query form.
    const [a, b] = await Promise.all([
      openSse(`${t.url}/api/v1/conversations/${id}/messages/${messageId}/stream`, {
        headers: { 'X-User-Id': user },
      }),
      openSse(`${t.url}/api/v1/conversations/${id}/messages/${messageId}/stream?lastEventId=2`, {
        headers: { 'X-User-Id': user },
      }),
    ]);
    // The turn is over: both replay its packed log, the same events as the live stream.
    expect(await a.collect()).toEqual(all);
    expect(await b.collect()).toEqual(all.slice(3));
  });

  it('re-attach is owner-only, 404 for unknown ids, 400 for a bad Last-Event-ID', async () => {
    const user = uniqueUser();
    const id = await createConversation(t, user);
    const sent = await request(t.url)
      .post(`/api/v1/conversations/${id}/messages`)
      .set('X-User-Id', user)
      .send({ content: 'hi' })
      .expect(201);
    const messageId = sent.body.assistantMessage.id as string;
    await request(t.url)
      .get(`/api/v1/conversations/${id}/messages/${messageId}/stream`)
      .set('X-User-Id', uniqueUser('other'))
      .expect(404);
    await request(t.url)
      .get(`/api/v1/conversations/${id}/messages/${sent.body.userMessage.id}/stream`)
      .set('X-User-Id', user)
      .expect(404);
    await request(t.url)
      .get(`/api/v1/conversations/${id}/messages/00000000-0000-7000-8000-000000000000/stream`)
      .set('X-User-Id', user)
      .expect(404);
    await request(t.url)
      .get(`/api/v1/conversations/${id}/messages/${messageId}/stream`)
      .set('X-User-Id', user)
      .set('Last-Event-ID', 'abc')
      .expect(400);
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)(
  'Resumable streams across two replicas sharing PostgreSQL and Redis',
  () => {
    let emulator: BedrockEmulator;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      emulator = await startBedrockEmulator({ defaults: { chunkDelayMs: 30 } });
      const env = replicaEnv(emulator.url, redisUrl!, { STREAM_ON_DISCONNECT: 'continue' });
      [a, b] = await Promise.all([createTestApp(env), createTestApp(env)]);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await emulator?.close();
    });
    beforeEach(() => emulator.reset());

    it('a turn started on A is followed on B from its Last-Event-ID', async () => {
      emulator.configure({ chunkDelayMs: 30 });
      const user = uniqueUser();
      const id = await createConversation(a, user);
      const onA = await openSse(`${a.url}/api/v1/conversations/${id}/messages`, {
        headers: { 'X-User-Id': user },
        body: { content: LONG },
      });
      const seen = await onA.take(4);
      onA.destroy();
      const messageId = seen[0].data.assistantMessageId as string;
      await new Promise((r) => setTimeout(r, 50)); // let A's batched log writes land
      const onB = await openSse(
        `${b.url}/api/v1/conversations/${id}/messages/${messageId}/stream`,
        { headers: { 'X-User-Id': user, 'Last-Event-ID': seen[3].id! } },
      );
      const rest = await onB.collect(15000);
      const all = [...seen, ...rest];
      expect(ids(all)).toEqual(all.map((_, i) => i));
      const stored = await storedAssistant(b, user, id, messageId);
      expect(stored.status).toBe('complete');
      expect(deltaText(all)).toBe(stored.content);
      expect(emulator.requests).toHaveLength(1);
    });

    it('a stop sent to B stops the upstream call running on A and stores the turn cancelled', async () => {
      emulator.configure({ chunkDelayMs: 60 });
      const user = uniqueUser();
      const id = await createConversation(a, user);
      const onA = await openSse(`${a.url}/api/v1/conversations/${id}/messages`, {
        headers: { 'X-User-Id': user },
        body: { content: LONG },
      });
      const seen = await onA.take(4);
      const messageId = seen[0].data.assistantMessageId as string;
      const stop = await request(b.url)
        .post(`/api/v1/conversations/${id}/messages/${messageId}/stop`)
        .set('X-User-Id', user)
        .expect(200);
      expect(stop.body.status).toBe('cancelled');
      const closed = await emulator.waitForClientClose(0, 5000);
      expect(closed.clientClosed).toBe(true);
      const events = await onA.collect();
      expect(events[events.length - 1].event).toBe('error');
      const stored = await storedAssistant(a, user, id, messageId);
      expect(stored.status).toBe('cancelled');
      expect(stored.content.length).toBeGreaterThan(0);
      expect(stored.content).toBe(deltaText(events));
    });

    it('a resend of the same clientMessageId on B while A streams attaches instead of calling the model again', async () => {
      emulator.configure({ chunkDelayMs: 30 });
      const user = uniqueUser();
      const id = await createConversation(a, user);
      const body = { content: LONG, clientMessageId: 'resend-1' };
      const onA = await openSse(`${a.url}/api/v1/conversations/${id}/messages`, {
        headers: { 'X-User-Id': user },
        body,
      });
      await onA.take(3);
      const [onB, json] = await Promise.all([
        openSse(`${b.url}/api/v1/conversations/${id}/messages`, {
          headers: { 'X-User-Id': user },
          body,
        }),
        request(b.url)
          .post(`/api/v1/conversations/${id}/messages`)
          .set('X-User-Id', user)
          .send(body),
      ]);
      const fromB = await onB.collect(15000);
      const fromA = await onA.collect(15000);
      expect(json.status).toBe(200);
      expect(json.body.replayed).toBe(true);
      expect(json.body.assistantMessage.status).toBe('complete');
      expect(fromB[fromB.length - 1].event).toBe('message.end');
      expect(deltaText(fromB)).toBe(deltaText(fromA));
      expect(emulator.requests).toHaveLength(1);
    });
  },
);

describe('Graceful shutdown during a stream', () => {
  it('lets the answer run for the grace period, then ends the stream with one error event and stores it cancelled', async () => {
    const t = await createTestApp({ MOCK_TOKEN_DELAY_MS: '40', SHUTDOWN_GRACE_MS: '300' });
    const user = uniqueUser('sigterm');
    const id = await createConversation(t, user);
    const stream = await openSse(`${t.url}/api/v1/conversations/${id}/messages`, {
      headers: { 'X-User-Id': user },
      body: { content: LONG },
    });
    const [start] = await stream.take(3);
    const messageId = start.data.assistantMessageId as string;
    await gracefulShutdown(t.app, 300);
    const events = await stream.collect();
    const last = events[events.length - 1];
    expect(last.event).toBe('error');
    expect(last.data.code).toBe('shutdown');
    expect(events.filter((e) => e.event === 'error' || e.event === 'message.end')).toHaveLength(1);
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query('select status, content, error from messages where id = $1', [
        messageId,
      ]);
      expect(rows[0].status).toBe('cancelled');
      expect(rows[0].error.code).toBe('shutdown');
      expect(rows[0].content).toBe(deltaText(events));
      expect(rows[0].content.length).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
  });
});

describe('Crash safety: a process killed mid-stream', () => {
  let child: ChildProcess | undefined;
  let t: TestApp;
  beforeAll(() => {
    execFileSync(process.execPath, [join(__dirname, '../scripts/build-if-needed.js')], {
      stdio: 'ignore',
      timeout: 120000,
    });
  }, 130000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await t?.close();
  });

  it('leaves a turn that is settled as failed/interrupted with at least its checkpointed text', async () => {
    const port = await freePort();
    child = spawn(process.execPath, [join(__dirname, '../dist/apps/api/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: process.env.DATABASE_URL,
        LLM_PROVIDER: 'mock',
        MOCK_TOKEN_DELAY_MS: '40',
        STREAM_CHECKPOINT_MS: '100',
        STREAM_LEASE_MS: '1000',
        LOG_LEVEL: 'warn',
        REDIS_URL: '',
        MIGRATE_ON_START: 'true',
      },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(
      async () => (await fetch(`${url}/health`).catch(() => undefined))?.ok === true,
      20000,
    );
    const user = uniqueUser('crash');
    const created = await fetch(`${url}/api/v1/conversations`, {
      method: 'POST',
      headers: { 'X-User-Id': user, 'Content-Type': 'application/json' },
      body: '{"id":"crash-1"}',
    });
    expect(created.status).toBe(201);
    const live = await openSse(`${url}/api/v1/conversations/crash-1/messages`, {
      headers: { 'X-User-Id': user },
      body: { content: LONG },
    });
    const seen = await live.take(8);
    const messageId = seen[0].data.assistantMessageId as string;

    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const checkpointed = async () =>
        (await db.query('select content, status from messages where id = $1', [messageId]))
          .rows[0] as { content: string; status: string };
      await waitUntil(async () => (await checkpointed()).content.length > 0);
      // Later checkpoints append the text added since the one before.
      const first = (await checkpointed()).content;
      await waitUntil(async () => (await checkpointed()).content.length > first.length);
      expect((await checkpointed()).content.startsWith(first)).toBe(true);
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      const lastCheckpoint = await checkpointed();
      expect(lastCheckpoint.status).toBe('streaming');

      t = await createTestApp({ STREAM_LEASE_MS: '1000' });
      await new Promise((r) => setTimeout(r, 1200));
      const stored = await storedAssistant(t, user, 'crash-1', messageId);
      expect(stored.status).toBe('failed');
      expect(stored.error?.code).toBe('interrupted');
      expect(stored.content.length).toBeGreaterThanOrEqual(lastCheckpoint.content.length);
      expect(stored.content.startsWith(lastCheckpoint.content)).toBe(true);
      const left = await db.query(
        `select count(*)::int as n from messages where owner_id = $1 and status in ('pending', 'streaming')`,
        [user],
      );
      expect(left.rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  }, 60000);
});
