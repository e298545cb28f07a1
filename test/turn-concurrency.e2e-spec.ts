import {
  as,
  ChatHarness,
  messagesPath,
  newConversation,
  startChatHarness,
  storedMessages,
} from './support/chat-harness';
import { uniqueUser } from './support/test-app';

/**
 * Many clients at once on one conversation, over HTTP: the conversation row's lock keeps seq
 * gap-free, and a resent question (clientMessageId, Idempotency-Key, the seed's message_uid)
 * makes one turn however many copies race.
 */
describe('Concurrent turns on one conversation', () => {
  let h: ChatHarness;

  beforeAll(async () => {
    h = await startChatHarness('mock');
  });
  afterAll(() => h?.t.close());

  it('50 concurrent sends: seq 1..100 without a gap, each answer right after its question', async () => {
    const user = uniqueUser('fifty');
    const id = await newConversation(h.t, user);
    const contents = Array.from({ length: 50 }, (_, i) => `Question ${i}`);
    const results = await Promise.all(
      contents.map((content) => as(h.t, user).post(messagesPath(id), { content })),
    );
    expect(results.map((r) => r.status)).toEqual(contents.map(() => 201));

    const stored = await storedMessages(h.t, user, id);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const questions = stored.filter((m) => m.role === 'user');
    expect(questions.map((m) => m.content).sort()).toEqual([...contents].sort());
    for (const question of questions) {
      expect(stored.find((m) => m.parentId === question.id)).toMatchObject({
        role: 'assistant',
        seq: question.seq + 1,
        status: 'complete',
      });
    }
    // One chain: every question hangs under the answer stored before it.
    expect(new Set(questions.map((m) => m.parentId)).size).toBe(50);
    const conversation = await as(h.t, user).get(`/api/v1/conversations/${id}`).expect(200);
    expect(conversation.body.messageCount).toBe(100);
  });

  it('10 concurrent duplicates make one turn and one model call, by clientMessageId or Idempotency-Key', async () => {
    const user = uniqueUser('dups');
    const id = await newConversation(h.t, user);
    const before = h.modelCalls();
    const byBody = await Promise.all(
      Array.from({ length: 10 }, () =>
        as(h.t, user).post(messagesPath(id), { content: 'Once?', clientMessageId: 'once-1' }),
      ),
    );
    const byHeader = await Promise.all(
      Array.from({ length: 10 }, () =>
        as(h.t, user)
          .post(messagesPath(id))
          .set('Idempotency-Key', 'once-2')
          .send({ content: 'Once more?' }),
      ),
    );
    for (const results of [byBody, byHeader]) {
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(9);
      expect(new Set(results.map((r) => r.body.assistantMessage.id)).size).toBe(1);
    }
    expect(h.modelCalls() - before).toBe(2);
    expect((await storedMessages(h.t, user, id)).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('10 concurrent seed sends with one message_uid into a new chat_id make one turn', async () => {
    const user = uniqueUser('seed-dups');
    const chatId = `seed-race-${user}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        as(h.t, user).post('/api/v1/chats', {
          message: 'Hello?',
          chat_id: chatId,
          message_uid: 'uid-1',
        }),
      ),
    );
    expect(results.every((r) => r.status < 300)).toBe(true);
    expect(new Set(results.map((r) => r.body.response_session_id)).size).toBe(1);
    expect((await storedMessages(h.t, user, chatId)).map((m) => m.seq)).toEqual([1, 2]);
  });
});
