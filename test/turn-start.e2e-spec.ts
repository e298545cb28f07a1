import { randomUUID } from 'node:crypto';
import {
  SendMessageCommand,
  SendMessageUseCase,
} from '../libs/conversations/application/send-message.use-case';
import { ConversationRepository } from '../libs/conversations/application/ports/conversation.repository';
import { Message } from '../libs/conversations/domain';
import { sqlOf, TestSql } from './support/sql';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

const DEFAULT_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const OTHER_MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

/**
 * The turn start (the use case's transaction on the real database): seq, parent, leaf, title and
 * model as the aggregate decides them, stored exactly as returned, and nothing stored when refused.
 */
describe('Turn start (use case on the real database)', () => {
  let t: TestApp;
  let db: TestSql;
  let sending: SendMessageUseCase;

  beforeAll(async () => {
    t = await createTestApp({ LLM_PROVIDER: 'mock', LLM_MODELS: OTHER_MODEL });
    db = sqlOf(t);
    sending = t.app.get(SendMessageUseCase);
  });
  afterAll(() => t?.close());

  function turnInput(over: Partial<SendMessageCommand> & { ownerId: string }): SendMessageCommand {
    return {
      conversationId: `c-${randomUUID()}`,
      createIfMissing: false,
      content: 'What are SQL injection attacks?',
      ...over,
    };
  }
  const start = (input: SendMessageCommand) => sending.store(input);

  const stored = (ownerId: string, conversationId: string): Promise<Message[]> =>
    t.app
      .get(ConversationRepository)
      .transaction((unit) => unit.listMessages(ownerId, conversationId));

  const conversationRow = async (ownerId: string, conversationId: string) =>
    (
      await db.query('select * from conversations where owner_id = ? and id = ?', [
        ownerId,
        conversationId,
      ])
    )[0];

  const setConversationModel = (ownerId: string, conversationId: string, model: string) =>
    db.query('update conversations set model = ? where owner_id = ? and id = ?', [
      model,
      ownerId,
      conversationId,
    ]);

  it('creates a missing conversation with its first turn, exactly as returned', async () => {
    const ownerId = uniqueUser('one');
    const input = turnInput({ ownerId, createIfMissing: true });
    const started = await start(input);

    expect(started.conversation.toJSON()).toMatchObject({
      id: input.conversationId,
      title: 'What are SQL injection attacks?',
      lastSeq: 2,
      messageCount: 2,
      currentLeafId: started.assistantMessage.id,
      version: 2,
    });
    expect(started.userMessage.toJSON()).toMatchObject({ seq: 1, parentId: null, model: null });
    expect(started.assistantMessage.toJSON()).toMatchObject({
      seq: 2,
      parentId: started.userMessage.id,
      model: DEFAULT_MODEL,
      status: 'streaming',
    });
    const rows = await stored(ownerId, input.conversationId!);
    expect(rows.map((m) => m.toJSON())).toEqual([
      started.userMessage.toJSON(),
      started.assistantMessage.toJSON(),
    ]);
    const row = await conversationRow(ownerId, input.conversationId!);
    expect(row).toMatchObject({ last_seq: 2, message_count: 2, version: 2, deleted_at: null });
  });

  it('follows the leaf and the model rule: requested, else the conversation, else the default', async () => {
    const ownerId = uniqueUser('one');
    const opened = await start(turnInput({ ownerId, createIfMissing: true }));
    const id = opened.conversation.id;

    await setConversationModel(ownerId, id, OTHER_MODEL);
    const second = await start(turnInput({ ownerId, conversationId: id, content: 'And then?' }));
    expect([second.userMessage.seq, second.userMessage.parentId]).toEqual([
      3,
      opened.assistantMessage.id,
    ]);
    expect(second.assistantMessage.toJSON().model).toBe(OTHER_MODEL);
    expect(second.conversation.toJSON()).toMatchObject({
      lastSeq: 4,
      messageCount: 4,
      version: 3,
    });

    const third = await start(turnInput({ ownerId, conversationId: id, model: DEFAULT_MODEL }));
    expect(third.assistantMessage.toJSON().model).toBe(DEFAULT_MODEL);

    const rows = await stored(ownerId, id);
    expect(rows.map((m) => [m.seq, m.role, m.parentId, m.toJSON().model])).toEqual([
      [1, 'user', null, null],
      [2, 'assistant', opened.userMessage.id, DEFAULT_MODEL],
      [3, 'user', opened.assistantMessage.id, null],
      [4, 'assistant', second.userMessage.id, OTHER_MODEL],
      [5, 'user', second.assistantMessage.id, null],
      [6, 'assistant', third.userMessage.id, DEFAULT_MODEL],
    ]);
    const row = await conversationRow(ownerId, id);
    expect(row).toMatchObject({
      last_seq: 6,
      message_count: 6,
      current_leaf_id: third.assistantMessage.id,
    });
  });

  it('hangs a question under a given parent, or as a new root', async () => {
    const ownerId = uniqueUser('one');
    const opened = await start(turnInput({ ownerId, createIfMissing: true }));
    const id = opened.conversation.id;

    const branch = await start(
      turnInput({ ownerId, conversationId: id, parentId: opened.assistantMessage.id }),
    );
    expect(branch.userMessage.parentId).toBe(opened.assistantMessage.id);
    const root = await start(turnInput({ ownerId, conversationId: id, parentId: null }));
    expect([root.userMessage.seq, root.userMessage.parentId]).toEqual([5, null]);
  });

  it('stores nothing for what it refuses', async () => {
    const ownerId = uniqueUser('one');
    const opened = await start(turnInput({ ownerId, createIfMissing: true }));
    const id = opened.conversation.id;
    await setConversationModel(ownerId, id, 'retired-model');
    const deleted = await start(turnInput({ ownerId, createIfMissing: true }));
    await db.query('update conversations set deleted_at = now() where owner_id = ? and id = ?', [
      ownerId,
      deleted.conversation.id,
    ]);

    const cases: [string, SendMessageCommand, string][] = [
      [
        'a model no longer allowed',
        turnInput({ ownerId, conversationId: id }),
        'model_not_allowed',
      ],
      [
        'an unknown parent',
        turnInput({ ownerId, conversationId: id, parentId: randomUUID(), model: DEFAULT_MODEL }),
        'invalid_parent',
      ],
      [
        'a parent that is no uuid',
        turnInput({ ownerId, conversationId: id, parentId: 'nope', model: DEFAULT_MODEL }),
        'invalid_parent',
      ],
      ['a missing conversation', turnInput({ ownerId }), 'conversation_not_found'],
      [
        'a missing conversation with a parent',
        turnInput({ ownerId, createIfMissing: true, parentId: randomUUID() }),
        'invalid_parent',
      ],
      [
        'a deleted conversation',
        turnInput({ ownerId, conversationId: deleted.conversation.id, createIfMissing: true }),
        'conversation_not_found',
      ],
    ];
    for (const [what, input, code] of cases) {
      await expect(start(input).catch((e: { code: string }) => [what, e.code])).resolves.toEqual([
        what,
        code,
      ]);
    }
    expect((await stored(ownerId, id)).map((m) => m.seq)).toEqual([1, 2]);
    expect(await conversationRow(ownerId, id)).toMatchObject({ last_seq: 2, message_count: 2 });
    const all = await db.query('select id from conversations where owner_id = ?', [ownerId]);
    expect(all).toHaveLength(2);
  });

  it('30 concurrent first turns into one new conversation: one creation, seq 1..60 gap-free', async () => {
    const ownerId = uniqueUser('race');
    const conversationId = `race-${randomUUID()}`;
    const inputs = Array.from({ length: 30 }, (_, i) =>
      turnInput({ ownerId, conversationId, createIfMissing: true, content: `q${i}` }),
    );
    const started = await Promise.all(inputs.map((input) => start(input)));
    const seqs = started.flatMap((s) => [s.userMessage.seq, s.assistantMessage.seq]);
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const rows = await stored(ownerId, conversationId);
    expect(rows).toHaveLength(60);
    // Every question hangs under the answer before it: one chain, no two turns on one leaf.
    const parents = rows.filter((m) => m.role === 'user').map((m) => m.parentId);
    expect(new Set(parents).size).toBe(30);
    expect(await conversationRow(ownerId, conversationId)).toMatchObject({
      last_seq: 60,
      message_count: 60,
      version: 31,
    });
  });

  it('10 concurrent sends of one clientMessageId: one turn, the others replay it', async () => {
    const ownerId = uniqueUser('dup');
    const conversationId = `dup-${randomUUID()}`;
    const input = turnInput({
      ownerId,
      conversationId,
      createIfMissing: true,
      clientMessageId: 'same-question',
    });
    const started = await Promise.all(Array.from({ length: 10 }, () => start(input)));
    expect(started.filter((s) => !s.replayed)).toHaveLength(1);
    expect(new Set(started.map((s) => s.assistantMessage.id)).size).toBe(1);
    expect((await stored(ownerId, conversationId)).map((m) => m.seq)).toEqual([1, 2]);
  });
});
