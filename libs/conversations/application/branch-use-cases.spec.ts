import { inMemoryWorld, sendMessageUseCase } from '../testing/use-case.fixture';
import { DeleteBranchUseCase } from './delete-branch.use-case';
import { RegenerateAnswerUseCase } from './regenerate-answer.use-case';

import { SwitchBranchUseCase } from './switch-branch.use-case';

function setUp() {
  const w = inMemoryWorld();
  const sending = sendMessageUseCase(w);
  const regenerating = new RegenerateAnswerUseCase(
    w.conversations,
    w.launcher,
    w.models,
    w.ids,
    w.clock,
    w.accounting,
  );
  const deleting = new DeleteBranchUseCase(w.conversations, w.clock);
  const switching = new SwitchBranchUseCase(w.conversations, w.clock);
  /** A finished turn. */
  const turn = async (content = 'Hi', parentId?: string | null) => {
    const result = await sending.execute({
      ownerId: 'owner',
      conversationId: 'c-1',
      createIfMissing: true,
      content,
      parentId,
    });
    if (result.kind === 'started') await result.run.done;
    return result.turn;
  };
  const regenerate = (messageId: string, conversationId = 'c-1') =>
    regenerating.execute({ ownerId: 'owner', conversationId, messageId });
  const remove = (messageId: string) => deleting.execute('owner', 'c-1', messageId);
  const switchTo = (messageId: string, conversationId = 'c-1') =>
    switching.execute('owner', conversationId, messageId);
  const conversation = () => w.store.conversations.get('owner\u0000c-1');
  const rows = () => w.store.conversationMessages('owner', 'c-1');
  return { ...w, turn, regenerate, remove, switchTo, sending, conversation, rows };
}

const refusedWith = (code: string) => expect.objectContaining({ code });

describe('RegenerateAnswerUseCase', () => {
  it('asks again for the same question: a sibling answer that becomes the leaf', async () => {
    const w = setUp();
    const first = await w.turn('Question');
    const result = await w.regenerate(first.assistantMessage.id);
    const answer = result.kind === 'started' ? await result.run.done : undefined;
    expect(answer?.toJSON()).toMatchObject({
      seq: 3,
      parentId: first.userMessage.id,
      turnId: first.userMessage.turnId,
      status: 'complete',
      content: 'Answer to Question',
    });
    expect(w.conversation()).toMatchObject({
      lastSeq: 3,
      messageCount: 3,
      currentLeafId: answer?.id,
    });
  });

  it('refuses while the answer streams, and unknown messages or conversations', async () => {
    const w = setUp();
    const first = await w.turn();
    w.store.messages.get(first.assistantMessage.id)!.status = 'streaming';
    await expect(w.regenerate(first.assistantMessage.id)).rejects.toEqual(
      refusedWith('turn_in_progress'),
    );
    await expect(w.regenerate(first.userMessage.id)).rejects.toEqual(
      refusedWith('message_not_found'),
    );
    await expect(w.regenerate('00000000-0000-7000-8000-000000000999')).rejects.toEqual(
      refusedWith('message_not_found'),
    );
    await expect(w.regenerate(first.assistantMessage.id, 'c-2')).rejects.toEqual(
      refusedWith('conversation_not_found'),
    );
    expect(w.rows()).toHaveLength(2);
  });
});

describe('DeleteBranchUseCase', () => {
  it('deletes a message and what follows it; the leaf moves to the newest remaining message', async () => {
    const w = setUp();
    const first = await w.turn('one');
    const second = await w.turn('two');
    await w.turn('three');
    expect(await w.remove(second.userMessage.id)).toBe(4);
    expect(w.rows().map((m) => m.seq)).toEqual([1, 2]);
    expect(w.conversation()).toMatchObject({
      messageCount: 2,
      currentLeafId: first.assistantMessage.id,
      lastSeq: 6,
    });
  });

  it('refuses while an answer of the branch streams, and an unknown message', async () => {
    const w = setUp();
    const first = await w.turn();
    w.store.messages.get(first.assistantMessage.id)!.status = 'streaming';
    await expect(w.remove(first.userMessage.id)).rejects.toEqual(refusedWith('turn_in_progress'));
    await expect(w.remove('00000000-0000-7000-8000-000000000999')).rejects.toEqual(
      refusedWith('message_not_found'),
    );
    expect(w.rows()).toHaveLength(2);
  });
});

describe('SwitchBranchUseCase', () => {
  it('makes an older answer the active branch again, and the next turn continues from it', async () => {
    const w = setUp();
    const first = await w.turn('First');
    const second = await w.turn('Second');
    const again = await w.regenerate(first.assistantMessage.id);
    if (again.kind === 'started') await again.run.done;
    expect(w.conversation()?.currentLeafId).toBe(again.turn.assistantMessage.id);

    expect(await w.switchTo(first.assistantMessage.id)).toBe(second.assistantMessage.id);
    expect(w.conversation()?.currentLeafId).toBe(second.assistantMessage.id);
    const third = await w.turn('Third');
    expect(third.userMessage.parentId).toBe(second.assistantMessage.id);
  });

  it('refuses an unknown message or conversation, and a switch while an answer streams', async () => {
    const w = setUp();
    const first = await w.turn('First');
    await expect(w.switchTo('00000000-0000-7000-8000-00000000ffff')).rejects.toThrow(
      refusedWith('message_not_found'),
    );
    await expect(w.switchTo(first.userMessage.id, 'c-other')).rejects.toThrow(
      refusedWith('conversation_not_found'),
    );
    const running = await w.sending.execute({
      ownerId: 'owner',
      conversationId: 'c-1',
      createIfMissing: false,
      content: 'Still going',
    });
    w.store.messages.set(running.turn.assistantMessage.id, {
      ...running.turn.assistantMessage.toJSON(),
      status: 'streaming',
    });
    await expect(w.switchTo(first.userMessage.id)).rejects.toThrow(refusedWith('turn_in_progress'));
    if (running.kind === 'started') await running.run.done;
  });
});
