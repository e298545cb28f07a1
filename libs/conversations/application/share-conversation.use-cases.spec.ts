import { InMemoryShareRepository } from '../testing/in-memory.share.repository';
import { inMemoryWorld, sendMessageUseCase } from '../testing/use-case.fixture';
import { ConversationQueries } from './conversation-queries';
import { CreateConversationUseCase } from './create-conversation.use-case';
import { DeleteConversationUseCase } from './delete-conversation.use-case';

import { RandomShareTokens, SHARE_TOKEN_PATTERN } from './ports/share-tokens';
import { ReadShareQuery, ShareConversationUseCases } from './share-conversation.use-cases';

async function setUp() {
  const w = inMemoryWorld();
  const queries = new ConversationQueries(w.reads, w.staleTurns);
  const shareRepository = new InMemoryShareRepository(w.store);
  const shares = new ShareConversationUseCases(
    queries,
    shareRepository,
    new RandomShareTokens(),
    w.clock,
  );
  const reading = new ReadShareQuery(shareRepository, w.clock);
  const sending = sendMessageUseCase(w);
  await new CreateConversationUseCase(w.conversations, w.ids, w.clock, w.models).execute({
    ownerId: 'owner',
    id: 'c1',
    title: 'Shared',
  });
  const sent = await sending.execute({
    ownerId: 'owner',
    conversationId: 'c1',
    createIfMissing: false,
    content: 'hello',
  });
  if (sent.kind === 'started') await sent.run.done;
  const deleting = new DeleteConversationUseCase(w.conversations, w.clock);
  return { ...w, shares, reading, deleting };
}

const refusedWith = (code: string) => expect.objectContaining({ code });

describe('Sharing a conversation', () => {
  it('snapshots the active branch under an unguessable token that anyone can read', async () => {
    const w = await setUp();
    const share = await w.shares.create({ ownerId: 'owner', conversationId: 'c1' });
    expect(share.token).toMatch(SHARE_TOKEN_PATTERN);
    const read = (await w.reading.execute(share.token)).toJSON();
    expect(read.title).toBe('Shared');
    expect(read.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'hello'],
      ['assistant', 'Answer to hello'],
    ]);
    const other = await w.shares.create({ ownerId: 'owner', conversationId: 'c1' });
    expect(other.token).not.toBe(share.token);
  });

  it('lists, revokes and expires', async () => {
    const w = await setUp();
    const forever = await w.shares.create({ ownerId: 'owner', conversationId: 'c1' });
    const day = await w.shares.create({ ownerId: 'owner', conversationId: 'c1', expiresInDays: 1 });
    expect((await w.shares.list('owner', 'c1')).map((s) => s.token).sort()).toEqual(
      [forever.token, day.token].sort(),
    );
    await w.shares.revoke('owner', 'c1', forever.token);
    await expect(w.reading.execute(forever.token)).rejects.toEqual(refusedWith('share_not_found'));
    await expect(w.shares.revoke('owner', 'c1', forever.token)).rejects.toEqual(
      refusedWith('share_not_found'),
    );
    await w.reading.execute(day.token);
    w.clock.advance(86_400_000);
    await expect(w.reading.execute(day.token)).rejects.toEqual(refusedWith('share_not_found'));
  });

  it("is the owner's alone: other users get conversation_not_found", async () => {
    const w = await setUp();
    const share = await w.shares.create({ ownerId: 'owner', conversationId: 'c1' });
    const notFound = refusedWith('conversation_not_found');
    await expect(w.shares.create({ ownerId: 'intruder', conversationId: 'c1' })).rejects.toEqual(
      notFound,
    );
    await expect(w.shares.list('intruder', 'c1')).rejects.toEqual(notFound);
    await expect(w.shares.revoke('intruder', 'c1', share.token)).rejects.toEqual(notFound);
    await w.reading.execute(share.token);
  });

  it('answers not found for malformed tokens and deleted conversations', async () => {
    const w = await setUp();
    const share = await w.shares.create({ ownerId: 'owner', conversationId: 'c1' });
    await expect(w.reading.execute('short')).rejects.toEqual(refusedWith('share_not_found'));
    await w.deleting.execute('owner', 'c1');
    await expect(w.reading.execute(share.token)).rejects.toEqual(refusedWith('share_not_found'));
  });
});
