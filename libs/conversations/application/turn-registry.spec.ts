import { setTimeout as sleep } from 'node:timers/promises';
import { Message, NO_OUTCOME } from '../domain';
import { ChatSettings } from './chat-settings';
import { TurnRegistry } from './turn-registry';
import { TurnRun } from './turn-run';

describe('TurnRegistry', () => {
  it('keeps a finished turn for re-attaching until its log expires, then releases it', async () => {
    const registry = new TurnRegistry({ logTtlSeconds: 1 } as ChatSettings);
    const run = new TurnRun('owner-1', 'c-1', 'm-1');
    registry.add(run);
    run.complete(
      Message.create({
        id: 'm-1',
        conversationId: 'c-1',
        ownerId: 'owner-1',
        seq: 2,
        parentId: null,
        role: 'assistant',
        content: '',
        status: 'complete',
        clientMessageId: null,
        turnId: 't-1',
        model: null,
        ...NO_OUTCOME,
        metadata: {},
        createdAt: new Date(),
      }),
    );
    await run.done;
    await Promise.resolve(); // the registry moves it in done's finally
    expect(registry.active()).toEqual([]);
    expect(registry.get('owner-1', 'm-1')).toBe(run);
    expect(registry.get('owner-2', 'm-1')).toBeUndefined();
    registry.forgetExpired();
    expect(registry.finishedCount).toBe(1);

    await sleep(1100);
    expect(registry.finishedCount).toBe(1); // no longer served, but still held
    registry.forgetExpired();
    expect(registry.finishedCount).toBe(0);
    expect(registry.get('owner-1', 'm-1')).toBeUndefined();
  });
});
