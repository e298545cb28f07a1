import request from 'supertest';
import { followAnswer, streamMessage, type TurnEvent } from '../libs/client';
import { startChatHarness, type ChatHarness } from './support/chat-harness';
import { startCuttingProxy, type CuttingProxy } from './support/cutting-proxy';
import { uniqueUser } from './support/test-app';

/** What a client must see of one turn: every event once, ids 0..n in order, one terminal event. */
function expectWholeTurn(events: TurnEvent[]): void {
  expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i));
  expect(events[0].event).toBe('message.start');
  expect(events.slice(1, -1).every((e) => e.event === 'delta')).toBe(true);
  const last = events.at(-1);
  if (last?.event !== 'message.end') throw new Error(`the turn ended with ${last?.event}`);
  const text = events.map((e) => (e.event === 'delta' ? e.data.text : '')).join('');
  expect(text).toBe(last.data.message.content);
  expect(last.data.message.status).toBe('complete');
}

describe('typed client: the stream helper across server-side cuts (e2e)', () => {
  let h: ChatHarness;
  let proxy: CuttingProxy | undefined;
  beforeAll(async () => {
    // A slowed mock: the answer is still streaming when the proxy cuts it.
    h = await startChatHarness('mock', { chunkDelayMs: 15 });
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    h.reset();
  });
  afterAll(() => h?.close());

  async function conversationOf(user: string): Promise<string> {
    const res = await request(h.t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', user)
      .send({});
    return res.body.id as string;
  }

  it('delivers every event once, in order, when the send and then the re-attach are cut mid-stream', async () => {
    const user = uniqueUser('client');
    const id = await conversationOf(user);
    proxy = await startCuttingProxy(
      h.t.url,
      new Map([
        [1, { afterEvents: 4 }],
        [2, { afterEvents: 5 }],
      ]),
    );
    const events: TurnEvent[] = [];
    const options = { baseUrl: proxy.url, userId: user, reattachDelayMs: 20 };
    for await (const event of streamMessage(options, id, { content: h.long('Tell me a story') })) {
      events.push(event);
    }
    expect(proxy.cuts()).toBe(2);
    expect(proxy.connections()).toBeGreaterThanOrEqual(3);
    expectWholeTurn(events);
    expect(events.length).toBeGreaterThan(10);
    expect(h.modelCalls()).toBe(1);

    // Holding the last event, a re-attach has nothing left: the helper ends on the 204.
    const start = events[0];
    if (start.event !== 'message.start') throw new Error('no message.start');
    const rest: TurnEvent[] = [];
    for await (const event of followAnswer(
      { baseUrl: h.t.url, userId: user },
      id,
      start.data.assistantMessageId,
      events.at(-1)?.id,
    )) {
      rest.push(event);
    }
    expect(rest).toEqual([]);
  });

  it('resends the same clientMessageId when the cut comes before message.start, and the model answers once', async () => {
    const user = uniqueUser('client');
    const id = await conversationOf(user);
    proxy = await startCuttingProxy(h.t.url, new Map([[1, { afterEvents: 0 }]]));
    const events: TurnEvent[] = [];
    const options = { baseUrl: proxy.url, userId: user, reattachDelayMs: 20 };
    for await (const event of streamMessage(options, id, { content: h.long('Another one') })) {
      events.push(event);
    }
    expect(proxy.cuts()).toBe(1);
    expectWholeTurn(events);
    expect(h.modelCalls()).toBe(1);
  });

  it('follows an answer from its start, and from a given event id', async () => {
    const user = uniqueUser('client');
    const id = await conversationOf(user);
    const options = { baseUrl: h.t.url, userId: user };
    const all: TurnEvent[] = [];
    for await (const event of streamMessage(options, id, { content: 'Short one' })) all.push(event);
    expectWholeTurn(all);
    const start = all[0];
    if (start.event !== 'message.start') throw new Error('no message.start');
    const again: TurnEvent[] = [];
    for await (const event of followAnswer(options, id, start.data.assistantMessageId)) {
      again.push(event);
    }
    expect(again).toEqual(all);
    const after: TurnEvent[] = [];
    for await (const event of followAnswer(options, id, start.data.assistantMessageId, 1)) {
      after.push(event);
    }
    expect(after).toEqual(all.slice(2));
  });
});
