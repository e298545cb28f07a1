import { fromToolCall, toChatParams } from './openai-request.mapper';

const DEFAULTS = { modelId: 'm', maxTokens: 50 };

describe('toChatParams with content blocks and tools', () => {
  it('maps images to data URL parts, tool calls to tool_calls and tool results to tool messages', () => {
    const params = toChatParams(
      {
        model: 'm',
        system: 'Be brief.',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', format: 'png', data: new Uint8Array([1, 2, 3]) },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking.' },
              { type: 'tool-use', id: 'c1', name: 'look', input: { at: 'image' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool-result', toolUseId: 'c1', content: 'a cat' },
              { type: 'text', text: 'So?' },
            ],
          },
        ],
        tools: [{ name: 'look', inputSchema: { type: 'object' } }],
        toolChoice: { type: 'tool', name: 'look' },
      },
      DEFAULTS,
    );
    expect(params.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AQID' } },
        ],
      },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'look', arguments: '{"at":"image"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'a cat' },
      { role: 'user', content: 'So?' },
    ]);
    expect(params.tools).toEqual([
      { type: 'function', function: { name: 'look', parameters: { type: 'object' } } },
    ]);
    expect(params.tool_choice).toEqual({ type: 'function', function: { name: 'look' } });
  });

  it('reads tool calls whose arguments are not a JSON object as no arguments', () => {
    const call = (args: string) =>
      fromToolCall({ id: 'x', function: { name: 'f', arguments: args } });
    expect(call('{"a":1}').input).toEqual({ a: 1 });
    expect(call('not json').input).toEqual({});
    expect(call('[1]').input).toEqual({});
    expect(call('').input).toEqual({});
  });
});
