import request from 'supertest';
import { LONG, replicaEnv } from './support/replicas';
import { BedrockEmulator, startBedrockEmulator } from '../apps/bedrock-emulator';
import { openSse, SseEvent, SseStream } from './support/sse';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

const ids = (events: SseEvent[]) => events.map((e) => Number(e.id));

/** A finished streamed turn: every event its client received. */
async function finishedTurn(t: TestApp, user: string, content = 'hi') {
  const created = await request(t.url)
    .post('/api/v1/conversations')
    .set('X-User-Id', user)
    .send({})
    .expect(201);
  const conversationId = created.body.id as string;
  const live = await openSse(`${t.url}/api/v1/conversations/${conversationId}/messages`, {
    headers: { 'X-User-Id': user },
    body: { content },
  });
  const events = await live.collect(20000);
  expect(events.at(-1)!.event).toBe('message.end');
  const messageId = events[0].data.assistantMessageId as string;
  return { conversationId, messageId, events, lastId: Number(events.at(-1)!.id) };
}

function reattach(
  t: TestApp,
  user: string,
  turn: { conversationId: string; messageId: string },
  lastEventId?: string,
  timeoutMs?: number,
): Promise<SseStream> {
  const headers: Record<string, string> = { 'X-User-Id': user };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  const path = `/api/v1/conversations/${turn.conversationId}/messages/${turn.messageId}/stream`;
  return openSse(`${t.url}${path}`, { headers, timeoutMs });
}

/** 204 with nothing in it: the client already holds everything. */
async function expectNoContent(stream: SseStream): Promise<void> {
  expect(stream.status).toBe(204);
  expect(await stream.text()).toBe('');
  expect(stream.events).toEqual([]);
}

describe('Re-attach ends for a client that has the last event (in-process log)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      MOCK_TOKEN_DELAY_MS: '15',
      STREAM_ON_DISCONNECT: 'continue',
      RATE_LIMIT_CHAT: '1000/60s',
      RATE_LIMIT_READ: '1000/60s',
    });
  });
  afterAll(() => t.close());

  it('answers 204 at or past the terminal event id of a finished turn, the terminal event just before it', async () => {
    const user = uniqueUser();
    const turn = await finishedTurn(t, user);
    await expectNoContent(await reattach(t, user, turn, String(turn.lastId)));
    await expectNoContent(await reattach(t, user, turn, String(turn.lastId + 7)));
    const path = `/api/v1/conversations/${turn.conversationId}/messages/${turn.messageId}/stream`;
    await expectNoContent(
      await openSse(`${t.url}${path}?lastEventId=${turn.lastId}`, {
        headers: { 'X-User-Id': user },
      }),
    );
    const last = await reattach(t, user, turn, String(turn.lastId - 1));
    expect(last.status).toBe(200);
    expect(await last.collect()).toEqual([turn.events.at(-1)]);
  });

  it('reads an empty Last-Event-ID (header or query) as "from the start"', async () => {
    const user = uniqueUser();
    const turn = await finishedTurn(t, user);
    const fromHeader = await reattach(t, user, turn, '');
    expect(fromHeader.status).toBe(200);
    const replayed = await fromHeader.collect();
    expect(replayed[0].event).toBe('message.start');
    expect(replayed).toEqual(turn.events);
    const path = `/api/v1/conversations/${turn.conversationId}/messages/${turn.messageId}/stream`;
    const fromQuery = await openSse(`${t.url}${path}?lastEventId=`, {
      headers: { 'X-User-Id': user },
    });
    expect(await fromQuery.collect()).toEqual(turn.events);
  });

  it('while the turn runs, an id past its end waits: the newer events, or 204 once it ends', async () => {
    const user = uniqueUser();
    const created = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', user)
      .send({})
      .expect(201);
    const conversationId = created.body.id as string;
    const live = await openSse(`${t.url}/api/v1/conversations/${conversationId}/messages`, {
      headers: { 'X-User-Id': user },
      body: { content: LONG },
    });
    const [start] = await live.take(3);
    const turn = { conversationId, messageId: start.data.assistantMessageId as string };

    const [later, beyond] = await Promise.all([
      reattach(t, user, turn, '10', 30000),
      reattach(t, user, turn, '1000000', 30000),
    ]);
    const all = await live.collect(30000);
    expect(later.status).toBe(200);
    const rest = await later.collect(30000);
    expect(ids(rest)).toEqual(ids(all).slice(11));
    expect(rest).toEqual(all.slice(11));
    await expectNoContent(beyond);
    const stored = await request(t.url)
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set('X-User-Id', user)
      .expect(200);
    expect(stored.body.at(-1)).toMatchObject({ id: turn.messageId, status: 'complete' });
  });

  it('documents the 204 and the empty Last-Event-ID in Swagger', async () => {
    const { body: doc } = await request(t.url).get('/docs-json').expect(200);
    const route = doc.paths['/api/v1/conversations/{id}/messages/{messageId}/stream'].get;
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '204', '400']));
    expect(route.responses['204'].description).toMatch(/Stop reconnecting/);
    const header = route.parameters.find((p: { name: string }) => p.name === 'Last-Event-ID');
    expect(header.description).toMatch(/empty: from the start/);
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('Re-attach on another replica (shared Redis log)', () => {
  let emulator: BedrockEmulator;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    emulator = await startBedrockEmulator({ defaults: { chunkDelayMs: 5 } });
    const env = replicaEnv(emulator.url, redisUrl!);
    [a, b] = await Promise.all([createTestApp(env), createTestApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await emulator?.close();
  });

  it('a turn finished on A: B answers 204 at its last event id, and replays its log otherwise', async () => {
    const user = uniqueUser();
    const turn = await finishedTurn(a, user, LONG);
    await expectNoContent(await reattach(b, user, turn, String(turn.lastId)));
    await expectNoContent(await reattach(b, user, turn, String(turn.lastId + 1)));
    const last = await reattach(b, user, turn, String(turn.lastId - 1));
    expect(await last.collect()).toEqual([turn.events.at(-1)]);
    expect(await (await reattach(b, user, turn, '')).collect()).toEqual(turn.events);
  });
});
