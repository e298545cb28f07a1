import { inMemoryWorld, OTHER_MODEL, sendMessageUseCase } from '../testing/use-case.fixture';
import { EditQuestionUseCase } from './edit-question.use-case';
import type { SendMessageCommand } from './send-message.use-case';

function setUp() {
  const world = inMemoryWorld();
  const sending = sendMessageUseCase(world);
  const send = (over: Partial<SendMessageCommand> = {}) =>
    sending.execute({
      ownerId: 'owner',
      conversationId: 'c-1',
      createIfMissing: true,
      content: 'Hi',
      ...over,
    });
  const rows = () => world.store.conversationMessages('owner', 'c-1');
  const conversation = () => world.store.conversations.get('owner\u0000c-1');
  return { ...world, sending, send, rows, conversation };
}

const refusedWith = (code: string) => expect.objectContaining({ code });

describe('SendMessageUseCase', () => {
  it('stores the question and its answer, runs the model and stores the finished answer', async () => {
    const w = setUp();
    const result = await w.send({ content: 'What is 2+2?' });
    expect(result.kind).toBe('started');
    const answer = await (result.kind === 'started' ? result.run.done : Promise.reject());
    expect(answer.toJSON()).toMatchObject({
      status: 'complete',
      content: 'Answer to What is 2+2?',
      seq: 2,
    });
    expect(w.rows().map((m) => [m.seq, m.role, m.status])).toEqual([
      [1, 'user', 'complete'],
      [2, 'assistant', 'complete'],
    ]);
    expect(w.conversation()).toMatchObject({
      title: 'What is 2+2?',
      lastSeq: 2,
      messageCount: 2,
      currentLeafId: answer.id,
    });
  });

  it('sends the branch ending at the new question as the context', async () => {
    const w = setUp();
    const first = await w.send({ content: 'First' });
    if (first.kind === 'started') await first.run.done;
    const second = await w.send({ content: 'Second' });
    if (second.kind === 'started') await second.run.done;
    expect(w.llm.requests[1].messages).toEqual([
      { role: 'user', content: 'First' },
      { role: 'assistant', content: 'Answer to First' },
      { role: 'user', content: 'Second' },
    ]);
  });

  it('replays a resent clientMessageId without calling the model again', async () => {
    const w = setUp();
    const first = await w.send({ clientMessageId: 'm-1' });
    if (first.kind === 'started') await first.run.done;
    const again = await w.send({ clientMessageId: 'm-1', content: 'Hi again' });
    expect(again.kind).toBe('replayed');
    expect(again.turn.assistantMessage.id).toBe(first.turn.assistantMessage.id);
    expect(w.llm.requests).toHaveLength(1);
    expect(w.rows()).toHaveLength(2);
  });

  it('makes one turn of 10 concurrent duplicates, and gap-free seq of 20 concurrent sends', async () => {
    const w = setUp();
    const duplicates = await Promise.all(
      Array.from({ length: 10 }, () => w.send({ clientMessageId: 'same' })),
    );
    expect(duplicates.filter((r) => r.kind === 'started')).toHaveLength(1);
    expect(new Set(duplicates.map((r) => r.turn.assistantMessage.id)).size).toBe(1);
    await Promise.all(Array.from({ length: 20 }, (_, i) => w.send({ content: `q${i}` })));
    expect(w.rows().map((m) => m.seq)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
  });

  it('hangs a question under a given parent or as a new root', async () => {
    const w = setUp();
    const first = await w.send();
    await w.send();
    const branch = await w.send({ parentId: first.turn.assistantMessage.id });
    expect(branch.turn.userMessage.parentId).toBe(first.turn.assistantMessage.id);
    const root = await w.send({ parentId: null });
    expect(root.turn.userMessage.parentId).toBeNull();
  });

  it('refuses bad input and stores nothing for it', async () => {
    const w = setUp();
    await expect(w.send({ content: '   ' })).rejects.toEqual(refusedWith('empty_message'));
    await expect(w.send({ content: 'x'.repeat(1001) })).rejects.toEqual(
      refusedWith('message_too_long'),
    );
    await expect(w.send({ model: 'nope' })).rejects.toEqual(refusedWith('model_not_allowed'));
    await expect(w.send({ conversationId: 'bad id!' })).rejects.toEqual(
      refusedWith('invalid_conversation_id'),
    );
    await expect(w.send({ parentId: '00000000-0000-7000-8000-000000000999' })).rejects.toEqual(
      refusedWith('invalid_parent'),
    );
    await expect(w.send({ createIfMissing: false, conversationId: 'c-2' })).rejects.toEqual(
      refusedWith('conversation_not_found'),
    );
    expect(w.store.conversations.size).toBe(0);
    expect(w.store.messages.size).toBe(0);
    expect(w.llm.requests).toHaveLength(0);
  });

  it("uses the conversation's model unless one is requested", async () => {
    const w = setUp();
    await w.send();
    w.store.conversations.get('owner\u0000c-1')!.model = OTHER_MODEL;
    expect((await w.send()).turn.assistantMessage.toJSON().model).toBe(OTHER_MODEL);
  });
});

describe('EditQuestionUseCase', () => {
  it('puts the edited question beside the original, with its own answer', async () => {
    const w = setUp();
    const editing = new EditQuestionUseCase(w.sending);
    const first = await w.send();
    const second = await w.send();
    const edited = await editing.execute({
      ownerId: 'owner',
      conversationId: 'c-1',
      messageId: second.turn.userMessage.id,
      content: 'Edited',
    });
    expect(edited.turn.userMessage.parentId).toBe(first.turn.assistantMessage.id);
    expect(w.conversation()?.currentLeafId).toBe(edited.turn.assistantMessage.id);
    expect(w.rows()).toHaveLength(6);
  });

  it('refuses an answer and an unknown message', async () => {
    const w = setUp();
    const editing = new EditQuestionUseCase(w.sending);
    const first = await w.send();
    const edit = (messageId: string) =>
      editing.execute({ ownerId: 'owner', conversationId: 'c-1', messageId, content: 'x' });
    await expect(edit(first.turn.assistantMessage.id)).rejects.toEqual(
      refusedWith('not_a_question'),
    );
    await expect(edit('00000000-0000-7000-8000-000000000999')).rejects.toEqual(
      refusedWith('message_not_found'),
    );
    expect(w.rows()).toHaveLength(2);
  });
});
