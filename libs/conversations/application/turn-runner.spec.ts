import { Message } from '../domain';
import { inMemoryWorld, SETTINGS, sendMessageUseCase } from '../testing/use-case.fixture';
import { ServiceUnavailableError } from './service-unavailable.error';

import { TurnEvent } from './turn-events';

const outage = () => new ServiceUnavailableError('database_unavailable', 'down', 5);

/** A world whose final writes fail `failures` times (with `error`) before the database answers. */
function setUp(failures: number, error: () => Error = outage) {
  const w = inMemoryWorld();
  const save = w.turns.saveAssistant.bind(w.turns);
  let left = failures;
  const attempts: string[] = [];
  w.turns.saveAssistant = async (message: Message) => {
    if (message.isTerminal) {
      attempts.push(message.status);
      if (left > 0) {
        left -= 1;
        throw error();
      }
    }
    return save(message);
  };
  const sending = sendMessageUseCase(w);
  const start = async () => {
    const result = await sending.execute({
      ownerId: 'owner',
      conversationId: 'c-1',
      createIfMissing: true,
      content: 'Hi',
    });
    if (result.kind !== 'started') throw new Error('expected a new turn');
    const events: TurnEvent[] = [];
    result.run.subscribe((event) => events.push(event));
    return { run: result.run, events };
  };
  const stored = () =>
    w.store.conversationMessages('owner', 'c-1').find((m) => m.role === 'assistant');
  return { ...w, start, stored, attempts };
}

describe('TurnRunner: an answer is confirmed only once stored', () => {
  it('retries the final write while the database is unavailable, holding message.end until it is stored', async () => {
    const w = setUp(3);
    const { run, events } = await w.start();
    const answer = await run.done;
    expect(w.attempts).toEqual(['complete', 'complete', 'complete', 'complete']);
    expect(answer.status).toBe('complete');
    expect(w.stored()).toMatchObject({ status: 'complete', content: 'Answer to Hi' });
    expect(events.map((e) => e.type).slice(-1)).toEqual(['message.end']);
    expect(run.storageFailure).toBeUndefined();
  });

  it('does not retry an error that is not an outage, and ends with an error event, not message.end', async () => {
    const w = setUp(1, () => new Error('a bug'));
    const { run, events } = await w.start();
    await run.done;
    expect(w.attempts).toEqual(['complete']);
    expect(run.storageFailure).toBeInstanceOf(Error);
    const last = events[events.length - 1];
    expect(last).toMatchObject({
      type: 'error',
      data: { code: 'internal_error', retryable: true },
    });
    expect(events.some((e) => e.type === 'message.end')).toBe(false);
    expect(w.stored()?.status).toBe('streaming');
  });

  it('gives up at shutdown when the outage outlasts it, with a retryable database_unavailable error', async () => {
    const w = setUp(Number.POSITIVE_INFINITY);
    const { run, events } = await w.start();
    while (w.attempts.length < 2) await new Promise((r) => setTimeout(r, 20));
    await w.registry.drain(0);
    await run.done;
    expect(run.storageFailure).toBeInstanceOf(ServiceUnavailableError);
    expect(events[events.length - 1]).toMatchObject({
      type: 'error',
      data: { code: 'database_unavailable', retryable: true },
    });
  });
});

describe('StaleTurns', () => {
  it("never settles a turn this process runs, whatever its heartbeat; a dead process's turn is settled", async () => {
    const w = setUp(Number.POSITIVE_INFINITY);
    const { run } = await w.start();
    const live = run.assistantMessageId;
    w.store.messages.set('dead', {
      ...w.store.messages.get(live)!,
      id: 'dead',
      status: 'streaming',
    });
    w.clock.advance(SETTINGS.leaseMs + 1);
    expect(await w.staleTurns.settle()).toBe(1);
    expect(w.store.messages.get('dead')?.status).toBe('failed');
    expect(w.store.messages.get(live)?.status).toBe('streaming');
    await w.registry.drain(0);
  });

  it("lets the live process's final write win over an interrupted settlement", async () => {
    const w = setUp(2);
    const { run } = await w.start();
    // Another replica, seeing no heartbeat during the outage, settled the turn.
    const id = run.assistantMessageId;
    w.clock.advance(SETTINGS.leaseMs + 1);
    await w.turns.settleStale(SETTINGS.leaseMs);
    expect(w.store.messages.get(id)?.error?.code).toBe('interrupted');
    await run.done;
    expect(w.store.messages.get(id)).toMatchObject({ status: 'complete', error: null });
  });
});
