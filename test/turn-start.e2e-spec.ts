import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import {
  StartTurnInput,
  TurnRepository,
} from '../libs/conversations/application/ports/turn.repository';
import { PooledSql } from '../libs/conversations/infrastructure/mikro-orm/pg-sql';
import { activeBranch } from '../libs/conversations/domain/branch';
import { messageFromRow } from '../libs/conversations/infrastructure/mikro-orm/rows';
import { startTurnInOneStatement } from '../libs/conversations/infrastructure/mikro-orm/start-turn.statement';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

const DEFAULT_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const OTHER_MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

/**
 * The turn start's one-statement path against the real database: it must write exactly what the
 * general (transaction) path writes, and write nothing in the cases it leaves to that path.
 */
describe('Turn start in one statement (repository on the real database)', () => {
  let t: TestApp;
  let db: PooledSql;
  let turns: TurnRepository;

  beforeAll(async () => {
    t = await createTestApp({ LLM_PROVIDER: 'mock', LLM_MODELS: OTHER_MODEL });
    db = new PooledSql(t.app.get(MikroORM));
    turns = t.app.get(TurnRepository);
  });
  afterAll(() => t?.close());

  function turnInput(over: Partial<StartTurnInput> & { ownerId: string }): StartTurnInput {
    return {
      conversationId: `c-${randomUUID()}`,
      createIfMissing: false,
      content: 'What are SQL injection attacks?',
      clientMessageId: null,
      parentId: undefined,
      model: { requested: null, fallback: DEFAULT_MODEL, allowed: [DEFAULT_MODEL, OTHER_MODEL] },
      autoTitle: 'What are SQL injection attacks?',
      ids: { userMessageId: randomUUID(), assistantMessageId: randomUUID(), turnId: randomUUID() },
      now: new Date(),
      ...over,
    };
  }

  const stored = async (ownerId: string, conversationId: string) =>
    (
      await db.query(
        'select * from messages where owner_id = ? and conversation_id = ? order by seq',
        [ownerId, conversationId],
      )
    ).map(messageFromRow);

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
    const started = await turns.startTurn(input);

    expect(started.conversation.toJSON()).toMatchObject({
      id: input.conversationId,
      title: input.autoTitle,
      lastSeq: 2,
      messageCount: 2,
      currentLeafId: input.ids.assistantMessageId,
      version: 2,
    });
    expect(started.userMessage.toJSON()).toMatchObject({ seq: 1, parentId: null, model: null });
    expect(started.assistantMessage.toJSON()).toMatchObject({
      seq: 2,
      parentId: input.ids.userMessageId,
      model: DEFAULT_MODEL,
      status: 'streaming',
    });
    const rows = await stored(ownerId, input.conversationId);
    expect(rows.map((m) => m.toJSON())).toEqual([
      started.userMessage.toJSON(),
      started.assistantMessage.toJSON(),
    ]);
    const row = await conversationRow(ownerId, input.conversationId);
    expect(row).toMatchObject({ last_seq: 2, message_count: 2, version: 2, deleted_at: null });
  });

  it('follows the leaf and the model rule: requested, else the conversation, else the default', async () => {
    const ownerId = uniqueUser('one');
    const first = turnInput({ ownerId, createIfMissing: true });
    await turns.startTurn(first);
    const id = first.conversationId;

    await setConversationModel(ownerId, id, OTHER_MODEL);
    const second = turnInput({ ownerId, conversationId: id, content: 'And then?' });
    const placed = await startTurnInOneStatement(db, second);
    expect(placed?.placement).toEqual({
      previousSeq: 2,
      parentId: first.ids.assistantMessageId,
      model: OTHER_MODEL,
    });
    expect(placed?.row).toMatchObject({ last_seq: 4, message_count: 4, version: 3 });

    const third = turnInput({
      ownerId,
      conversationId: id,
      model: { requested: DEFAULT_MODEL, fallback: OTHER_MODEL, allowed: [DEFAULT_MODEL] },
    });
    const requested = await startTurnInOneStatement(db, third);
    expect(requested?.placement.model).toBe(DEFAULT_MODEL);

    const rows = await stored(ownerId, id);
    expect(rows.map((m) => [m.seq, m.role, m.parentId, m.toJSON().model])).toEqual([
      [1, 'user', null, null],
      [2, 'assistant', first.ids.userMessageId, DEFAULT_MODEL],
      [3, 'user', first.ids.assistantMessageId, null],
      [4, 'assistant', second.ids.userMessageId, OTHER_MODEL],
      [5, 'user', second.ids.assistantMessageId, null],
      [6, 'assistant', third.ids.userMessageId, DEFAULT_MODEL],
    ]);
    const row = await conversationRow(ownerId, id);
    expect(row).toMatchObject({
      last_seq: 6,
      message_count: 6,
      current_leaf_id: third.ids.assistantMessageId,
    });
  });

  it('hangs a question under a given parent, or as a new root', async () => {
    const ownerId = uniqueUser('one');
    const first = turnInput({ ownerId, createIfMissing: true });
    await turns.startTurn(first);
    const id = first.conversationId;

    const branch = turnInput({
      ownerId,
      conversationId: id,
      parentId: first.ids.assistantMessageId,
    });
    expect((await startTurnInOneStatement(db, branch))?.placement.parentId).toBe(
      first.ids.assistantMessageId,
    );
    const root = turnInput({ ownerId, conversationId: id, parentId: null });
    expect((await startTurnInOneStatement(db, root))?.placement).toMatchObject({
      previousSeq: 4,
      parentId: null,
    });
  });

  it('writes nothing and leaves to the general path what it cannot place', async () => {
    const ownerId = uniqueUser('one');
    const first = turnInput({ ownerId, createIfMissing: true });
    await turns.startTurn(first);
    const id = first.conversationId;
    await setConversationModel(ownerId, id, 'retired-model');
    const deleted = turnInput({ ownerId, createIfMissing: true });
    await turns.startTurn(deleted);
    await db.query('update conversations set deleted_at = now() where owner_id = ? and id = ?', [
      ownerId,
      deleted.conversationId,
    ]);

    const cases: [string, StartTurnInput, string][] = [
      [
        'a model no longer allowed',
        turnInput({ ownerId, conversationId: id }),
        'model_not_allowed',
      ],
      [
        'an unknown parent',
        turnInput({
          ownerId,
          conversationId: id,
          parentId: randomUUID(),
          model: { ...turnInput({ ownerId }).model, requested: DEFAULT_MODEL },
        }),
        'invalid_parent',
      ],
      [
        'a parent that is no uuid',
        turnInput({
          ownerId,
          conversationId: id,
          parentId: 'nope',
          model: { ...first.model, requested: DEFAULT_MODEL },
        }),
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
        turnInput({ ownerId, conversationId: deleted.conversationId, createIfMissing: true }),
        'conversation_not_found',
      ],
    ];
    for (const [what, input, code] of cases) {
      expect([what, await startTurnInOneStatement(db, input)]).toEqual([what, null]);
      await expect(turns.startTurn(input)).rejects.toMatchObject({ code });
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
    const started = await Promise.all(inputs.map((input) => turns.startTurn(input)));
    // Messages read in the same step are trusted only when no turn slipped in before the lock:
    // each question then sees its whole chain (a stale read would cut it short).
    const withHistory = started.filter((s) => s.messagesAtStart);
    expect(withHistory.length).toBeGreaterThan(0);
    for (const s of withHistory) {
      const chain = activeBranch(s.messagesAtStart ?? [], s.userMessage.id);
      expect([s.userMessage.seq, chain.length]).toEqual([s.userMessage.seq, s.userMessage.seq]);
    }
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

  it("reads the conversation's messages in the same step, the new two included", async () => {
    const ownerId = uniqueUser('history');
    const first = turnInput({ ownerId, createIfMissing: true });
    const opened = await turns.startTurn(first);
    expect(opened.messagesAtStart?.map((m) => m.toJSON())).toEqual([
      opened.userMessage.toJSON(),
      opened.assistantMessage.toJSON(),
    ]);
    await db.query(
      `update messages set status = 'complete', content = 'An answer', metadata = '{"k":1}' where id = ?`,
      [first.ids.assistantMessageId],
    );
    const next = await turns.startTurn(
      turnInput({ ownerId, conversationId: first.conversationId }),
    );
    const rows = await stored(ownerId, first.conversationId);
    expect(rows).toHaveLength(4);
    expect(next.messagesAtStart?.map((m) => m.toJSON())).toEqual(rows.map((m) => m.toJSON()));
  });

  it('leaves the messages out when another turn committed while it waited for the lock', async () => {
    const ownerId = uniqueUser('history');
    const first = turnInput({ ownerId, createIfMissing: true });
    await turns.startTurn(first);
    const id = first.conversationId;
    const waiting = await db.transaction(async (tx) => {
      await tx.query('select 1 from conversations where owner_id = ? and id = ? for update', [
        ownerId,
        id,
      ]);
      // What a concurrent turn does under the lock, reduced to what the check looks at.
      await tx.query(
        'update conversations set version = version + 1 where owner_id = ? and id = ?',
        [ownerId, id],
      );
      const started = startTurnInOneStatement(db, turnInput({ ownerId, conversationId: id }));
      await waitUntilBlockedOnLock();
      // Wrapped: returning the promise itself would make the transaction wait for it.
      return { started };
    });
    const started = await waiting.started;
    expect(started?.placement.previousSeq).toBe(2);
    expect(started?.history).toBeUndefined();
  });

  async function waitUntilBlockedOnLock(): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      const [row] = await db.query<{ n: string }>(
        `select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%with existing as%'`,
      );
      if (Number(row.n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the turn start never waited for the lock');
  }
});
