import { inMemoryWorld, SETTINGS, sendMessageUseCase } from '../testing/use-case.fixture';
import { ChatSettings } from './chat-settings';

/** Lets the fold that follows an answer (off its path) run to its end. */
const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

function setUp(settings: Partial<ChatSettings> = {}) {
  const world = inMemoryWorld({ contextMaxTokens: 100, ...settings });
  const sending = sendMessageUseCase(world);
  /** Sends a question, waits for its answer and for the fold after it. */
  const ask = async (content: string) => {
    const result = await sending.execute({
      ownerId: 'owner',
      conversationId: 'c-1',
      createIfMissing: true,
      content,
    });
    const answer = result.kind === 'started' ? await result.run.done : result.turn.assistantMessage;
    await settle();
    return answer;
  };
  const rows = () => world.store.conversationMessages('owner', 'c-1');
  const lastRequest = () => world.llm.requests[world.llm.requests.length - 1];
  return { ...world, ask, rows, lastRequest };
}

/** 13 tokens, 15 with its answer (the estimate is 4 characters a token, plus 4). */
const question = (n: number) => `Question ${n} about the topic at hand`;

describe('ConversationSummaries', () => {
  it('folds the oldest turns once the branch outgrows half the budget, and sends the summary before the newer turns', async () => {
    const w = setUp();
    await w.ask(question(1));
    expect(w.summaryRows.rows.size).toBe(0);
    await w.ask(question(2));
    // Four messages (56 tokens) no longer fit half the budget (50): the first turn is folded.
    const [summary] = [...w.summaryRows.rows.values()];
    const [q1, a1] = w.rows();
    expect(summary).toMatchObject({
      ownerId: 'owner',
      conversationId: 'c-1',
      content: 'Summary #1',
      coversUntilMessageId: a1.id,
      model: SETTINGS.defaultModel,
    });
    const folded = w.llm.summaryRequests[0].messages[0].content;
    expect(folded).toContain(`User: ${q1.content}`);
    expect(folded).toContain(`Assistant: ${a1.content}`);
    expect(folded).not.toContain(question(2));

    await w.ask(question(3));
    const request = w.lastRequest();
    expect(request.system).toContain('Summary #1');
    expect(request.messages[0]).toEqual({ role: 'user', content: question(2) });
    expect(request.messages.map((m) => m.content).join('\n')).not.toContain(question(1));
  });

  it('extends the summary as more turns fall out, after the system prompt', async () => {
    const w = setUp();
    await w.ask(question(1));
    w.store.conversations.get('owner\u0000c-1')!.systemPrompt = 'Be brief.';
    for (let n = 2; n <= 4; n += 1) await w.ask(question(n));
    expect(w.llm.summaryRequests.length).toBeGreaterThanOrEqual(2);
    const extending = w.llm.summaryRequests[1].messages[0].content;
    expect(extending).toContain('Summary so far:\nSummary #1');
    expect(extending).not.toContain(question(1));
    const newest = [...w.summaryRows.rows.values()].at(-1)!;
    expect(newest.content).toBe(`Summary #${w.llm.summaryRequests.length}`);
    await w.ask(question(5));
    expect(w.lastRequest().system).toMatch(/^Be brief\.\n\nSummary of the earlier part/);
    expect(w.lastRequest().system).toContain(newest.content);
  });

  it('falls back to truncation when the model cannot summarise: the answers are unaffected', async () => {
    const w = setUp();
    w.llm.failSummaries = true;
    const answers = [];
    for (let n = 1; n <= 5; n += 1) answers.push(await w.ask(question(n)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill('complete'));
    expect(w.llm.summaryRequests.length).toBeGreaterThan(0);
    expect(w.summaryRows.rows.size).toBe(0);
    const request = w.lastRequest();
    expect(request.system).toBeUndefined();
    // The budget (100) holds the newest turns only: the first question was dropped.
    expect(request.messages.map((m) => m.content).join('\n')).not.toContain(question(1));
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: question(5) });
  });

  it('falls back to truncation when summaries cannot be read', async () => {
    const w = setUp();
    await w.ask(question(1));
    await w.ask(question(2));
    w.summaryRows.failing = true;
    const answer = await w.ask(question(3));
    expect(answer.status).toBe('complete');
    expect(w.lastRequest().system).toBeUndefined();
  });

  it('makes no summary with CONTEXT_SUMMARIES=false', async () => {
    const w = setUp({ summaries: false });
    for (let n = 1; n <= 4; n += 1) await w.ask(question(n));
    expect(w.llm.summaryRequests).toHaveLength(0);
  });

  it('summarises the whole active branch on request, then has nothing new to add', async () => {
    const w = setUp({ contextMaxTokens: 100000 });
    await w.ask(question(1));
    await w.ask(question(2));
    expect(w.summaryRows.rows.size).toBe(0);
    const made = await w.summaries.summarizeNow('owner', 'c-1');
    expect(made.created).toBe(true);
    expect(made.summary.coversUntilMessageId).toBe(w.rows().at(-1)!.id);
    const folded = w.llm.summaryRequests[0].messages[0].content;
    expect(folded).toContain(question(1));
    expect(folded).toContain(question(2));
    const again = await w.summaries.summarizeNow('owner', 'c-1');
    expect(again).toEqual({ summary: made.summary, created: false });
    expect(w.llm.summaryRequests).toHaveLength(1);
    // The next turn gets the summary instead of the turns it covers.
    await w.ask(question(3));
    expect(w.lastRequest().system).toContain(made.summary.content);
    expect(w.lastRequest().messages).toEqual([{ role: 'user', content: question(3) }]);
  });

  it('refuses to summarise a conversation that is not yours, or one with nothing finished', async () => {
    const w = setUp();
    await w.ask(question(1));
    await expect(w.summaries.summarizeNow('someone-else', 'c-1')).rejects.toMatchObject({
      code: 'conversation_not_found',
    });
    w.store.conversations.set('owner\u0000empty', {
      ...w.store.conversations.get('owner\u0000c-1')!,
      id: 'empty',
      currentLeafId: null,
    });
    await expect(w.summaries.summarizeNow('owner', 'empty')).rejects.toMatchObject({
      code: 'nothing_to_summarize',
    });
  });

  it('reports a model failure on request (nothing stored)', async () => {
    const w = setUp();
    await w.ask(question(1));
    w.llm.failSummaries = true;
    await expect(w.summaries.summarizeNow('owner', 'c-1')).rejects.toMatchObject({
      name: 'LlmUnavailableError',
    });
    expect(w.summaryRows.rows.size).toBe(0);
  });
});
