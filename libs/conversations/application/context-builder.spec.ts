import { Message, MessageProps, NO_OUTCOME } from '../domain';
import { buildContext } from './context-builder';

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
