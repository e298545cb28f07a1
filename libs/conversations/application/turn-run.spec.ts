import { Message, MessageProps, NO_OUTCOME } from '../domain';
import { TurnEvent } from './turn-events';
import { TurnRun } from './turn-run';

const ERROR = { code: 'cancelled', message: 'stopped', retryable: false, messageId: 'a' };

function runWith(deltas: string[]): TurnRun {
  const run = new TurnRun('owner', 'c', 'a');
  run.emit('message.start', START);
  for (const text of deltas) run.emit('delta', { text });
  return run;
}

function collect(run: TurnRun, afterId?: number): TurnEvent[] {
  const events: TurnEvent[] = [];
  run.subscribe((event) => events.push(event), afterId);
  return events;
}

function message(overrides: Partial<MessageProps>): Message {
  return Message.restore({
    id: 'a',
    conversationId: 'c',
    ownerId: 'owner',
    seq: 2,
    parentId: 'u',
    role: 'assistant',
    content: '',
    status: 'complete',
    clientMessageId: null,
    turnId: 't',
    model: 'm',
    ...NO_OUTCOME,
    metadata: { rawStopReason: 'end_turn' },
    createdAt: new Date('2026-11-26T01:02:03.004Z'),
    updatedAt: new Date('2026-11-26T01:02:04.005Z'),
    ...overrides,
  });
}

const START = {
  conversationId: 'c',
  userMessage: message({ id: 'u', role: 'user', parentId: null, seq: 1, content: 'Hi?' }).toJSON(),
  assistantMessageId: 'a',
  turnId: 't',
  model: 'm',
};

/** Runs a turn to its end as the runner does: the terminal event, then complete(). */
function finish(run: TurnRun, final: Message): void {
  const props = final.toJSON();
  if (props.status === 'complete')
    run.emit('message.end', {
      message: props,
      usage: { inputTokens: 3, outputTokens: 4 },
      stopReason: 'end_turn',
    });
  else run.emit('error', { ...ERROR, messageId: props.id });
  run.complete(final);
}

describe('TurnRun event log', () => {
  const deltas = ['Hel', 'lo, ', '🌍', '', ' and é', 'nd'];

  it('replays every event with its id and the exact text of each delta', () => {
    const run = runWith(deltas);
    const events = collect(run);
    expect(events.map((e) => e.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(events[0]).toEqual({ id: 0, type: 'message.start', data: START });
    expect(events.slice(1).map((e) => (e.type === 'delta' ? e.data.text : null))).toEqual(deltas);
    expect(run.partialText).toBe(deltas.join(''));
  });

  it('replays only the events after Last-Event-ID, then follows live ones', () => {
    const run = runWith(deltas);
    const events = collect(run, 3);
    run.emit('delta', { text: '!' });
    run.emit('error', ERROR);
    expect(events.map((e) => e.id)).toEqual([4, 5, 6, 7, 8]);
    expect(events.map((e) => (e.type === 'delta' ? e.data.text : e.type))).toEqual([
      '',
      ' and é',
      'nd',
      '!',
      'error',
    ]);
    expect(run.finished).toBe(true);
  });

  it('gives a late reader of a finished turn the tail and nothing more', () => {
    const run = runWith(['a', 'b']);
    run.emit('error', ERROR);
    expect(collect(run, 1).map((e) => e.id)).toEqual([2, 3]);
    expect(collect(run, 3)).toEqual([]);
    expect(collect(run, 99)).toEqual([]);
  });
});

describe('TurnRun once complete (packed log)', () => {
  const deltas = ['Hel', 'lo, ', '🌍', '', ' "and" é\n', 'nd'];
  const text = deltas.join('');

  it('replays the same events, dates and text as before it was packed', async () => {
    const run = runWith(deltas);
    const final = message({ content: text, metadata: { content: { nested: true } } });
    run.emit('message.end', {
      message: final.toJSON(),
      usage: { inputTokens: 3, outputTokens: 4 },
      stopReason: 'end_turn',
    });
    const live = collect(run);
    run.complete(final);

    expect(run.finished).toBe(true);
    expect(collect(run)).toEqual(live);
    expect(collect(run, 4)).toEqual(live.slice(5));
    expect(collect(run, 7)).toEqual([]);
    const end = collect(run, 6)[0];
    expect(end.type === 'message.end' && end.data.message.createdAt).toBeInstanceOf(Date);
    expect((await run.done).toJSON()).toEqual(final.toJSON());
  });

  it('keeps a failed turn’s stored message, partial text included, for done', async () => {
    const run = runWith(['partial ', 'answer']);
    const final = message({
      content: 'partial answer',
      status: 'failed',
      error: { code: 'model_unavailable', message: 'down', retryable: true },
    });
    finish(run, final);
    expect(collect(run).map((e) => e.type)).toEqual(['message.start', 'delta', 'delta', 'error']);
    expect((await run.done).toJSON()).toEqual(final.toJSON());
  });

  it('keeps a stored content that differs from the streamed text', async () => {
    const run = runWith(['streamed']);
    const final = message({ content: '' });
    finish(run, final);
    const end = collect(run, 1)[0];
    expect(end.type === 'message.end' && end.data.message.content).toBe('');
    expect((await run.done).content).toBe('');
    expect(collect(run, 0)[0]).toEqual({ id: 1, type: 'delta', data: { text: 'streamed' } });
  });

  it('keeps serving from the live log when the message cannot be packed', async () => {
    const run = runWith(['a']);
    const final = message({ content: 'a', metadata: { count: BigInt(1) } }); // not JSON-safe
    finish(run, final);
    expect(run.finished).toBe(true);
    expect(collect(run).map((e) => e.type)).toEqual(['message.start', 'delta', 'message.end']);
    expect(await run.done).toBe(final);
  });

  it('settles done for those already waiting, ignores aborts and takes no listeners', async () => {
    const run = runWith(['a']);
    const waiting = run.done;
    const final = message({ content: 'a' });
    finish(run, final);
    expect(await waiting).toBe(final);
    run.abort('stopped');
    expect(run.signal.aborted).toBe(false);
    expect(run.reason).toBeUndefined();
    const late: TurnEvent[] = [];
    const unsubscribe = run.subscribe((event) => late.push(event), 2);
    unsubscribe();
    expect(late).toEqual([]);
  });
});

describe('TurnRun checkpoints', () => {
  it('sends the text added since the last checkpoint written, deltas during a write included', () => {
    const run = runWith(['é', 'a']);
    const first = run.nextCheckpoint();
    expect(first).toEqual({ id: 'a', storedBytes: 0, text: 'éa' });
    run.emit('delta', { text: '🌍' }); // arrives while the statement runs
    run.checkpointed(first, true);
    expect(run.nextCheckpoint()).toEqual({ id: 'a', storedBytes: 3, text: '🌍' });
  });

  it('sends a heartbeat alone when nothing was added', () => {
    const run = runWith(['x']);
    run.checkpointed(run.nextCheckpoint(), true);
    const heartbeat = run.nextCheckpoint();
    expect(heartbeat).toEqual({ id: 'a', storedBytes: 1, text: null });
    run.checkpointed(heartbeat, false); // a heartbeat not written changes nothing
    run.emit('delta', { text: 'y' });
    expect(run.nextCheckpoint()).toEqual({ id: 'a', storedBytes: 1, text: 'y' });
  });

  it('sends the whole text after a checkpoint that was not written', () => {
    const run = runWith(['ab']);
    run.checkpointed(run.nextCheckpoint(), false);
    run.emit('delta', { text: 'c' });
    const whole = run.nextCheckpoint();
    expect(whole).toEqual({ id: 'a', storedBytes: -1, text: 'abc' });
    run.checkpointed(whole, true);
    run.emit('delta', { text: 'd' });
    expect(run.nextCheckpoint()).toEqual({ id: 'a', storedBytes: 3, text: 'd' });
  });

  it('makes model text storable before anyone sees it: live events, replays and the partial text agree', () => {
    const run = runWith(['nul\u0000 ', 'lone\ud800 ', 'pair 😀']);
    const live: TurnEvent[] = [];
    run.subscribe((event) => live.push(event));
    run.emit('delta', { text: '\udc00!' });
    expect(run.partialText).toBe('nul\uFFFD lone\uFFFD pair 😀\uFFFD!');
    const deltas = collect(run).filter((e) => e.type === 'delta');
    expect(deltas.map((e) => (e.data as { text: string }).text).join('')).toBe(run.partialText);
    expect(live.filter((e) => e.type === 'delta').at(-1)?.data).toEqual({ text: '\uFFFD!' });
  });
});
