import { Message, MessageProps, NO_OUTCOME } from '../domain';
import { buildContext, planContext } from './context-builder';

let seq = 0;
function msg(
  role: MessageProps['role'],
  content: string,
  status: MessageProps['status'] = 'complete',
): Message {
  seq += 1;
  const now = new Date();
  return Message.create({
    id: `m${seq}`,
    conversationId: 'c',
    ownerId: 'o',
    seq,
    parentId: null,
    role,
    content,
    status,
    clientMessageId: null,
    turnId: 't',
    model: null,
    ...NO_OUTCOME,
    metadata: {},
    createdAt: now,
  });
}

describe('buildContext', () => {
  it('keeps the conversation in order with alternating roles', () => {
    const ctx = buildContext([msg('user', 'a'), msg('assistant', 'b'), msg('user', 'c')], 1000);
    expect(ctx).toEqual([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: 'c' },
    ]);
  });

  it('skips failed answers and merges the user messages around them', () => {
    const ctx = buildContext(
      [msg('user', 'a'), msg('assistant', 'boom', 'failed'), msg('user', 'b')],
      1000,
    );
    expect(ctx).toEqual([{ role: 'user', content: 'a\n\nb' }]);
  });

  it('keeps a cancelled answer with partial text, drops empty ones and unfinished ones', () => {
    const ctx = buildContext(
      [
        msg('user', 'a'),
        msg('assistant', 'part', 'cancelled'),
        msg('user', 'b'),
        msg('assistant', '', 'cancelled'),
        msg('user', 'c'),
        msg('assistant', 'x', 'streaming'),
      ],
      1000,
    );
    expect(ctx.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(ctx[2].content).toBe('b\n\nc');
  });

  it('takes the newest messages within the budget, always the last one, and starts with a user turn', () => {
    const long = 'x'.repeat(400);
    const ctx = buildContext(
      [
        msg('user', long),
        msg('assistant', long),
        msg('user', long),
        msg('assistant', 'short'),
        msg('user', 'q'),
      ],
      120,
    );
    expect(ctx).toEqual([
      { role: 'user', content: long },
      { role: 'assistant', content: 'short' },
      { role: 'user', content: 'q' },
    ]);
    expect(buildContext([msg('user', 'y'.repeat(10000))], 10)).toHaveLength(1);
  });
});

describe('planContext', () => {
  it('sends the summary that covers the start of the branch, then the messages after it', () => {
    const branch = [
      msg('user', 'a'),
      msg('assistant', 'b'),
      msg('user', 'c'),
      msg('assistant', 'd'),
      msg('user', 'e'),
    ];
    const other = { coversUntilMessageId: 'elsewhere', content: 'other branch' };
    const early = { coversUntilMessageId: branch[1].id, content: 'a and b' };
    const later = { coversUntilMessageId: branch[3].id, content: 'a to d' };
    const plan = planContext(branch, [other, later, early], 1000);
    expect(plan.summary).toBe(later);
    expect(plan.messages).toEqual([{ role: 'user', content: 'e' }]);
    expect(plan.dropped).toEqual([]);
  });

  it('says which messages after the summary fell out of the budget, oldest first', () => {
    const long = 'x'.repeat(80); // 24 tokens
    const branch = [
      msg('user', long),
      msg('assistant', long),
      msg('user', long),
      msg('assistant', long),
      msg('user', 'q'),
    ];
    const plan = planContext(branch, [], 60);
    expect(plan.summary).toBeNull();
    // The newest fit (q, an answer, a question); the answer left leading goes too (a user turn first).
    expect(plan.dropped.map((m) => m.id)).toEqual([branch[0].id, branch[1].id]);
    expect(plan.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('counts the summary against the budget', () => {
    const branch = [
      msg('user', 'x'.repeat(40)),
      msg('assistant', 'y'.repeat(40)),
      msg('user', 'z'),
    ];
    const summary = { coversUntilMessageId: 'none', content: '' };
    expect(planContext(branch, [summary], 40).dropped).toEqual([]);
    const applied = { coversUntilMessageId: branch[0].id, content: 's'.repeat(100) };
    const plan = planContext(branch, [applied], 40);
    expect(plan.summary).toBe(applied);
    expect(plan.messages).toEqual([{ role: 'user', content: 'z' }]);
    expect(plan.dropped.map((m) => m.id)).toEqual([branch[1].id]);
  });
});
