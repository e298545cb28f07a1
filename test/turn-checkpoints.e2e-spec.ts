import { randomUUID } from 'node:crypto';
import { TurnRepository } from '../libs/conversations/application/ports/turn.repository';
import { SendMessageUseCase } from '../libs/conversations/application/send-message.use-case';
import { TurnRun } from '../libs/conversations/application/turn-run';
import { sqlOf, TestSql } from './support/sql';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

/**
 * Checkpoints of streaming answers against the real database: each sends only the text added
 * since the last one written, appended where the row holds the bytes it follows; anything else
 * makes the next one rewrite the whole answer.
 */
describe('Turn checkpoints (repository on the real database)', () => {
  let t: TestApp;
  let db: TestSql;
  let turns: TurnRepository;

  beforeAll(async () => {
    t = await createTestApp({ LLM_PROVIDER: 'mock' });
    db = sqlOf(t);
    turns = t.app.get(TurnRepository);
  });
  afterAll(() => t?.close());

  async function streamingTurn(): Promise<TurnRun> {
    const ownerId = uniqueUser('checkpoint');
    // Stored without running: nothing but the test writes the answer.
    const started = await t.app.get(SendMessageUseCase).store({
      ownerId,
      conversationId: `c-${randomUUID()}`,
      createIfMissing: true,
      content: 'Tell me something',
    });
    return new TurnRun(ownerId, started.conversation.id, started.assistantMessage.id);
  }

  const row = async (id: string) =>
    (
      await db.query<{ content: string; heartbeat_age_s: number }>(
        'select content, extract(epoch from now() - heartbeat_at)::float as heartbeat_age_s from messages where id = ?',
        [id],
      )
    )[0];

  /** One keeper tick for these runs: returns what was sent. */
  async function tick(...runs: TurnRun[]) {
    const entries = runs.map((run) => run.nextCheckpoint());
    const written = new Set(await turns.checkpoint(entries));
    runs.forEach((run, i) => run.checkpointed(entries[i], written.has(run.assistantMessageId)));
    return { entries, written };
  }

  it('appends only the new text, multi-byte characters included, and heartbeats in between', async () => {
    const run = await streamingTurn();
    const id = run.assistantMessageId;
    run.emit('delta', { text: 'Héllo ' });
    run.emit('delta', { text: '🌍, ' });
    let sent = await tick(run);
    expect(sent.entries[0]).toEqual({ id, storedBytes: 0, text: 'Héllo 🌍, ' });
    expect((await row(id)).content).toBe('Héllo 🌍, ');

    run.emit('delta', { text: '日本語 and "quotes"\n' });
    sent = await tick(run);
    expect(sent.entries[0]).toEqual({
      id,
      storedBytes: Buffer.byteLength('Héllo 🌍, '),
      text: '日本語 and "quotes"\n',
    });
    expect((await row(id)).content).toBe(run.partialText);

    await db.query("update messages set heartbeat_at = now() - interval '1 hour' where id = ?", [
      id,
    ]);
    sent = await tick(run);
    expect(sent.entries[0].text).toBeNull();
    expect(sent.written.has(id)).toBe(true);
    const after = await row(id);
    expect(after.content).toBe(run.partialText);
    expect(after.heartbeat_age_s).toBeLessThan(60);
  });

  it('leaves a row that does not hold the expected text, then rewrites it whole', async () => {
    const [run, other] = [await streamingTurn(), await streamingTurn()];
    run.emit('delta', { text: 'first part, ' });
    other.emit('delta', { text: 'other answer' });
    await tick(run, other);
    await db.query("update messages set content = 'changed elsewhere' where id = ?", [
      run.assistantMessageId,
    ]);

    run.emit('delta', { text: 'second part' });
    other.emit('delta', { text: ', more' });
    const sent = await tick(run, other);
    expect(sent.written.has(run.assistantMessageId)).toBe(false);
    expect(sent.written.has(other.assistantMessageId)).toBe(true);
    expect((await row(run.assistantMessageId)).content).toBe('changed elsewhere');
    expect((await row(other.assistantMessageId)).content).toBe('other answer, more');

    const healed = await tick(run);
    expect(healed.entries[0]).toEqual({
      id: run.assistantMessageId,
      storedBytes: -1,
      text: 'first part, second part',
    });
    expect((await row(run.assistantMessageId)).content).toBe('first part, second part');
    run.emit('delta', { text: '!' });
    expect((await tick(run)).entries[0].storedBytes).toBe(Buffer.byteLength(run.partialText) - 1);
    expect((await row(run.assistantMessageId)).content).toBe('first part, second part!');
  });

  it('does not touch an answer that is no longer streaming', async () => {
    const run = await streamingTurn();
    run.emit('delta', { text: 'partial' });
    await db.query(
      "update messages set status = 'complete', content = 'final answer' where id = ?",
      [run.assistantMessageId],
    );
    const sent = await tick(run);
    expect(sent.written.size).toBe(0);
    expect((await row(run.assistantMessageId)).content).toBe('final answer');
  });

  it('one row PostgreSQL refuses leaves the batch written for every other turn', async () => {
    const [good, bad, other] = await Promise.all([
      streamingTurn(),
      streamingTurn(),
      streamingTurn(),
    ]);
    const entries = [
      { id: good.assistantMessageId, storedBytes: 0, text: 'fine so far' },
      // Not what a run sends (runs make model text storable first): a row the database refuses.
      { id: bad.assistantMessageId, storedBytes: 0, text: 'nul \u0000 inside' },
      { id: other.assistantMessageId, storedBytes: 0, text: 'also fine' },
    ];
    const written = await turns.checkpoint(entries);
    expect([...written].sort()).toEqual([good.assistantMessageId, other.assistantMessageId].sort());
    expect((await row(good.assistantMessageId)).content).toBe('fine so far');
    expect((await row(other.assistantMessageId)).content).toBe('also fine');
    expect((await row(bad.assistantMessageId)).content).toBe('');
  });
});
