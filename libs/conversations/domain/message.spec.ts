import { Message, MessageProps, NO_OUTCOME } from './message';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const LATER = new Date('2026-12-01T10:01:00.000Z');

const answer = (status: MessageProps['status'] = 'pending') =>
  Message.create({
    id: 'a1',
    conversationId: 'c',
    ownerId: 'o',
    seq: 2,
    parentId: 'u1',
    role: 'assistant',
    content: '',
    status,
    clientMessageId: null,
    turnId: 't',
    model: 'm',
    ...NO_OUTCOME,
    metadata: {},
    createdAt: NOW,
  });
const outcome = {
  content: 'Done',
  model: 'm',
  stopReason: 'end',
  inputTokens: 3,
  outputTokens: 4,
  costUsd: 0.5,
  latencyMs: 50,
  timeToFirstTokenMs: 10,
  metadata: {},
};
const ending = {
  content: 'Half an ans',
  model: 'm',
  latencyMs: 20,
  timeToFirstTokenMs: 5,
  error: { code: 'throttled', message: 'Slow down', retryable: true },
};

describe('Message status', () => {
  it('moves pending -> streaming -> complete with its outcome', () => {
    const m = answer();
    m.startStreaming(NOW);
    expect(m.toJSON()).toMatchObject({ status: 'streaming', heartbeatAt: NOW });
    m.complete(outcome, LATER);
    expect(m.toJSON()).toMatchObject({
      ...outcome,
      status: 'complete',
      error: null,
      heartbeatAt: null,
      updatedAt: LATER,
    });
    expect(m.isTerminal).toBe(true);
  });

  it('keeps the partial text and the error of a failed or cancelled answer', () => {
    const failed = answer('streaming');
    failed.fail(ending, LATER);
    expect(failed.toJSON()).toMatchObject({ ...ending, status: 'failed', heartbeatAt: null });
    const cancelled = answer();
    cancelled.cancel({ ...ending, error: { code: 'cancelled', message: 'Stopped' } }, LATER);
    expect(cancelled.toJSON()).toMatchObject({ status: 'cancelled', content: 'Half an ans' });
  });

  it.each(['complete', 'failed', 'cancelled'] as const)('never leaves %s', (status) => {
    const m = answer(status);
    const refused = expect.objectContaining({ code: 'invalid_status_transition' });
    expect(() => m.startStreaming(LATER)).toThrow(refused);
    expect(() => m.complete(outcome, LATER)).toThrow(refused);
    expect(() => m.fail(ending, LATER)).toThrow(refused);
    expect(() => m.cancel(ending, LATER)).toThrow(refused);
    expect(m.status).toBe(status);
  });

  it('does not start streaming twice', () => {
    const m = answer('streaming');
    expect(() => m.startStreaming(LATER)).toThrow(
      expect.objectContaining({ code: 'invalid_status_transition' }),
    );
  });
});
