import { INVALID_FRAME, parseClientFrame } from './client-frames';

describe('parseClientFrame', () => {
  it('dispatches a known type with its other fields', () => {
    expect(parseClientFrame('{"type":"send","conversationId":"c","content":"hi"}')).toEqual({
      event: 'send',
      data: { conversationId: 'c', content: 'hi' },
    });
    expect(parseClientFrame(Buffer.from('{"type":"stop","messageId":"m"}'))).toEqual({
      event: 'stop',
      data: { messageId: 'm' },
    });
    expect(parseClientFrame([Buffer.from('{"type":"att'), Buffer.from('ach"}')])).toEqual({
      event: 'attach',
      data: {},
    });
  });

  it.each([
    ['{"type":', 'malformed_json'],
    ['', 'malformed_json'],
    ['null', 'invalid_frame'],
    ['"send"', 'invalid_frame'],
    ['[{"type":"send"}]', 'invalid_frame'],
    ['{"content":"no type"}', 'invalid_frame'],
    ['{"type":42}', 'invalid_frame'],
    ['{"type":"invalid"}', 'unknown_type'],
    ['{"type":"__proto__"}', 'unknown_type'],
    ['{"type":"toString"}', 'unknown_type'],
    [`{"type":"send","x":${'['.repeat(65)}${']'.repeat(65)}}`, 'invalid_frame'],
  ])('answers %j with %s', (raw, code) => {
    const parsed = parseClientFrame(raw);
    expect(parsed.event).toBe(INVALID_FRAME);
    expect(parsed.data).toMatchObject({ code });
  });

  it('accepts nesting up to the limit', () => {
    const raw = `{"type":"send","x":${'['.repeat(63)}${']'.repeat(63)}}`;
    expect(parseClientFrame(raw).event).toBe('send');
  });
});
