import { TurnEvent } from './turn-events';
import { TurnRun } from './turn-run';

const START = {
  conversationId: 'c',
  userMessage: {} as never,
  assistantMessageId: 'a',
  turnId: 't',
  model: 'm',
};
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
