import request from 'supertest';
import {
  as,
  ChatHarness,
  messagesPath,
  newConversation,
  startChatHarness,
  storedMessages,
} from './support/chat-harness';
import { eventually } from './support/platform-helpers';
import { uniqueUser } from './support/test-app';

/** A small budget: a few turns outgrow it (a question is 27 tokens, its answer 31: 4 characters a token). */
const CONTEXT_MAX_TOKENS = 400;
const question = (n: number) =>
  `Question ${n}: tell me one more thing about the history of the city of Lyon and its bridges`;

interface SentRequest {
  operation: string;
  body: { system?: { text?: string }[]; messages?: { content: { text?: string }[] }[] };
}

/** The text of everything a request sent to the model: its system blocks and messages. */
const systemOf = (r: SentRequest) => (r.body.system ?? []).map((b) => b.text ?? '').join('');
const messagesOf = (r: SentRequest) =>
  (r.body.messages ?? []).flatMap((m) => m.content.map((b) => b.text ?? '')).join('\n');

describe('Conversation summaries (Bedrock emulator, CONTEXT_MAX_TOKENS=400)', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await startChatHarness('bedrock emulator', {
      env: { CONTEXT_MAX_TOKENS: String(CONTEXT_MAX_TOKENS) },
    });
  });
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  const requests = () => h.emulator!.requests as unknown as SentRequest[];
  const summaryCalls = () => requests().filter((r) => r.operation === 'converse');
  /** The summary calls of one conversation (a fold of an earlier test may still land). */
  const summaryCallsAbout = (text: string) =>
    summaryCalls().filter((r) => messagesOf(r).includes(text));
  const turnCalls = () => requests().filter((r) => r.operation === 'converse-stream');
  const ask = async (user: string, id: string, content: string) => {
    const res = await as(h.t, user).post(messagesPath(id), { content });
    expect(res.status).toBe(201);
    expect(res.body.assistantMessage.status).toBe('complete');
    return res.body as { assistantMessage: { id: string; content: string } };
  };
  const read = async (user: string, id: string) => {
    const res = await as(h.t, user).get(`/api/v1/conversations/${id}`);
    expect(res.status).toBe(200);
    return res.body as {
      summary: { text: string; coversUntilMessageId: string; createdAt: string } | null;
    };
  };

  it('folds the oldest turns into a summary after an answer, and the model gets it before the newer turns', async () => {
    const user = uniqueUser();
    const id = await newConversation(h.t, user, { systemPrompt: 'You are a guide.' });
    for (let n = 1; n <= 4; n += 1) await ask(user, id, question(n));
    await eventually(async () => (await read(user, id)).summary !== null);
    const { summary } = await read(user, id);
    const messages = await storedMessages(h.t, user, id);
    const covered = messages.findIndex((m) => m.id === summary!.coversUntilMessageId);
    expect(covered).toBeGreaterThan(0);
    expect(messages[covered].role).toBe('assistant');
    expect(new Date(summary!.createdAt).getTime()).not.toBeNaN();
    // The model wrote it (the emulator's answer) from the oldest turns.
    expect(summaryCalls()).toHaveLength(1);
    expect(messagesOf(summaryCalls()[0])).toContain(question(1));
    expect(summary!.text).toMatch(/^Emulated reply to: /);

    await ask(user, id, question(5));
    const last = turnCalls().at(-1)!;
    expect(systemOf(last)).toContain('You are a guide.');
    expect(systemOf(last)).toContain(summary!.text);
    expect(messagesOf(last)).not.toContain(question(1));
    expect(messagesOf(last)).toContain(question(5));
  });

  it('a failing summary call falls back to truncation: every answer is complete, no error shown', async () => {
    h.emulator!.script({
      operation: 'converse',
      fault: { kind: 'error', type: 'ServiceUnavailableException', status: 503 },
    });
    const user = uniqueUser();
    const id = await newConversation(h.t, user);
    for (let n = 1; n <= 8; n += 1) await ask(user, id, question(n));
    await eventually(async () => summaryCalls().length > 0);
    expect((await read(user, id)).summary).toBeNull();
    const last = turnCalls().at(-1)!;
    expect(systemOf(last)).toBe('');
    expect(messagesOf(last)).not.toContain(question(1));
    expect(messagesOf(last)).toContain(question(8));
    const stored = await storedMessages(h.t, user, id);
    expect(stored.filter((m) => m.role === 'assistant').map((m) => m.status)).toEqual(
      Array(8).fill('complete'),
    );
    expect(stored.every((m) => !m.content.includes('ServiceUnavailable'))).toBe(true);
  });

  it('documents the route, the nullable summary of the conversation read, and the WebSocket route', async () => {
    const { body: doc } = await as(h.t, 'anyone').get('/docs-json').expect(200);
    const route = doc.paths['/api/v1/conversations/{id}/summarize'].post;
    expect(Object.keys(route.responses).sort()).toEqual(
      ['200', '201', '400', '401', '404', '409', '414', '429', '502', '503', '504'].sort(),
    );
    expect(route.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ConversationSummaryDto',
    });
    const summary = doc.components.schemas.ConversationWithMessagesDto.properties.summary;
    expect(summary.nullable).toBe(true);
    expect(doc.components.schemas.ConversationSummaryDto.required.sort()).toEqual(
      ['coversUntilMessageId', 'createdAt', 'text'].sort(),
    );
    expect(doc.info.description).toContain('/api/v1/ws');
  });

  describe('POST /api/v1/conversations/:id/summarize', () => {
    it('summarises the active branch on demand, shows it on the conversation, and answers 200 when nothing is new', async () => {
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      const { assistantMessage } = await ask(user, id, 'What is a summary?');
      expect((await read(user, id)).summary).toBeNull();
      const made = await as(h.t, user).post(`/api/v1/conversations/${id}/summarize`);
      expect(made.status).toBe(201);
      expect(made.body).toEqual({
        text: expect.stringMatching(/^Emulated reply to: /),
        coversUntilMessageId: assistantMessage.id,
        createdAt: expect.any(String),
      });
      expect(summaryCallsAbout('What is a summary?')).toHaveLength(1);
      expect((await read(user, id)).summary).toEqual(made.body);
      const again = await as(h.t, user).post(`/api/v1/conversations/${id}/summarize`);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(made.body);
      expect(summaryCallsAbout('What is a summary?')).toHaveLength(1);

      // The next turn gets the summary instead of the turn it covers.
      await ask(user, id, 'And then?');
      const last = turnCalls().at(-1)!;
      expect(systemOf(last)).toContain(made.body.text);
      expect(messagesOf(last)).not.toContain('What is a summary?');

      // Deleting the messages it covers deletes the summary.
      const [firstQuestion] = await storedMessages(h.t, user, id);
      const deleted = await request(h.t.url)
        .delete(`${messagesPath(id)}/${firstQuestion.id}`)
        .set('X-User-Id', user);
      expect(deleted.status).toBe(204);
      expect((await read(user, id)).summary).toBeNull();
    });

    it("answers 404 for another user's conversation and 409 when there is nothing to summarise", async () => {
      const owner = uniqueUser();
      const id = await newConversation(h.t, owner);
      await ask(owner, id, `Mine, ${owner}`);
      const other = await as(h.t, uniqueUser()).post(`/api/v1/conversations/${id}/summarize`);
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('conversation_not_found');
      const empty = await newConversation(h.t, owner);
      const nothing = await as(h.t, owner).post(`/api/v1/conversations/${empty}/summarize`);
      expect(nothing.status).toBe(409);
      expect(nothing.body.error.code).toBe('nothing_to_summarize');
      expect(summaryCallsAbout(owner)).toHaveLength(0);
    });

    it('answers the provider failure in the error envelope and stores nothing', async () => {
      h.emulator!.script({
        operation: 'converse',
        fault: { kind: 'error', type: 'ServiceUnavailableException', status: 503 },
      });
      const user = uniqueUser();
      const id = await newConversation(h.t, user);
      await ask(user, id, 'Hello');
      const res = await as(h.t, user).post(`/api/v1/conversations/${id}/summarize`);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('provider_unavailable');
      expect((await read(user, id)).summary).toBeNull();
    });
  });
});
