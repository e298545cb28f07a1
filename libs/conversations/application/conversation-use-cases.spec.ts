import {
  inMemoryWorld,
  OTHER_MODEL,
  SETTINGS,
  sendMessageUseCase,
} from '../testing/use-case.fixture';
import { ConversationQueries } from './conversation-queries';
import { CreateConversationUseCase } from './create-conversation.use-case';
import { DeleteConversationUseCase } from './delete-conversation.use-case';

import { UpdateConversationUseCase } from './update-conversation.use-case';

function setUp() {
  const w = inMemoryWorld();
  const creating = new CreateConversationUseCase(w.conversations, w.ids, w.clock, w.models);
  const updating = new UpdateConversationUseCase(w.conversations, w.clock, w.models);
  const deleting = new DeleteConversationUseCase(w.conversations, w.clock);
  const queries = new ConversationQueries(w.reads, w.staleTurns);
  const sending = sendMessageUseCase(w);
  return { ...w, creating, updating, deleting, queries, sending };
}

const refusedWith = (code: string) => expect.objectContaining({ code });

describe('Create, update and delete a conversation', () => {
  it('creates with a given id once, updates with a new version, deletes softly', async () => {
    const w = setUp();
    const created = await w.creating.execute({ ownerId: 'o', id: 'mine', title: ' A  title ' });
    expect(created.toJSON()).toMatchObject({ id: 'mine', title: 'A title', version: 1 });
    await expect(w.creating.execute({ ownerId: 'o', id: 'mine' })).rejects.toEqual(
      refusedWith('conversation_exists'),
    );
    w.clock.advance(1000);
    const updated = await w.updating.execute({ ownerId: 'o', id: 'mine', model: OTHER_MODEL });
    expect(updated.toJSON()).toMatchObject({
      model: OTHER_MODEL,
      version: 2,
      updatedAt: w.clock.now(),
    });
    await w.deleting.execute('o', 'mine');
    await expect(w.queries.get('o', 'mine')).rejects.toEqual(refusedWith('conversation_not_found'));
    await expect(w.deleting.execute('o', 'mine')).rejects.toEqual(
      refusedWith('conversation_not_found'),
    );
  });

  it('refuses a bad id, an empty title, a model not allowed and another owner', async () => {
    const w = setUp();
    await expect(w.creating.execute({ ownerId: 'o', id: 'no spaces' })).rejects.toEqual(
      refusedWith('invalid_conversation_id'),
    );
    await expect(w.creating.execute({ ownerId: 'o', title: '   ' })).rejects.toEqual(
      refusedWith('invalid_title'),
    );
    await expect(w.creating.execute({ ownerId: 'o', model: 'nope' })).rejects.toEqual(
      refusedWith('model_not_allowed'),
    );
    const mine = await w.creating.execute({ ownerId: 'o' });
    await expect(w.updating.execute({ ownerId: 'o', id: mine.id, model: 'nope' })).rejects.toEqual(
      refusedWith('model_not_allowed'),
    );
    await expect(w.updating.execute({ ownerId: 'other', id: mine.id, title: 'x' })).rejects.toEqual(
      refusedWith('conversation_not_found'),
    );
  });
});

describe('ConversationQueries', () => {
  it('reads the active branch, or every branch', async () => {
    const w = setUp();
    const send = (parentId?: string | null) =>
      w.sending.store({
        ownerId: 'o',
        conversationId: 'c',
        createIfMissing: true,
        content: 'q',
        parentId,
      });
    const first = await send();
    await send();
    const branch = await send(first.assistantMessage.id);
    const active = await w.queries.getWithMessages('o', 'c');
    expect(active.messages.map((m) => m.seq)).toEqual([1, 2, 5, 6]);
    expect(active.conversation.currentLeafId).toBe(branch.assistantMessage.id);
    expect((await w.queries.getWithMessages('o', 'c', true)).messages).toHaveLength(6);
  });

  it('settles an answer whose process died before showing it, and leaves a live one alone', async () => {
    const w = setUp();
    const started = await w.sending.store({
      ownerId: 'o',
      conversationId: 'c',
      createIfMissing: true,
      content: 'q',
    });
    const answerStatus = async () =>
      (await w.queries.getWithMessages('o', 'c')).messages.find(
        (m) => m.id === started.assistantMessage.id,
      )?.status;
    expect(await answerStatus()).toBe('streaming');
    w.clock.advance(SETTINGS.leaseMs + 1);
    const read = await w.queries.getWithMessages('o', 'c');
    expect(read.messages[1]).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
  });
});
