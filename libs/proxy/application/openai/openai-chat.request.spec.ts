import { InvalidRequestError } from '../proxy-errors';
import { toChatLlmRequest } from './openai-chat.request';
import { OpenAiChatBody } from './openai-chat.types';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const PNG = 'iVBORw0KGgo=';

const problemsOf = (body: Partial<OpenAiChatBody>): string[] => {
  try {
    toChatLlmRequest({ model: MODEL, ...body } as OpenAiChatBody, MODEL, 4096);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return (error as InvalidRequestError).details as string[];
  }
  throw new Error('the body was accepted');
};

describe('toChatLlmRequest', () => {
  it('maps system and developer messages to the system prompt, tools and tool results to blocks', () => {
    const request = toChatLlmRequest(
      {
        model: MODEL,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'developer', content: [{ type: 'text', text: 'Use tools.' }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Weather here?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            ],
          },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'c1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
        ],
        max_tokens: 10,
        max_completion_tokens: 20,
        temperature: 0.3,
        top_p: 0.9,
        stop: 'END',
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather' } }],
        tool_choice: 'required',
      },
      MODEL,
      4096,
    );
    expect(request).toEqual({
      model: MODEL,
      system: 'Be brief.\n\nUse tools.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather here?' },
            { type: 'image', format: 'png', data: new Uint8Array(Buffer.from(PNG, 'base64')) },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool-use', id: 'c1', name: 'get_weather', input: { city: 'Paris' } }],
        },
        { role: 'user', content: [{ type: 'tool-result', toolUseId: 'c1', content: 'sunny' }] },
      ],
      maxTokens: 20,
      temperature: 0.3,
      topP: 0.9,
      stopSequences: ['END'],
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          inputSchema: { type: 'object', properties: {} },
        },
      ],
      toolChoice: { type: 'any' },
    });
  });

  it('lists every problem with the path of its field', () => {
    expect(
      problemsOf({
        messages: [
          { role: 'assistant', content: 'first' },
          { role: 'tool', tool_call_id: 'x', content: 'y' },
        ],
        max_tokens: 5000,
        tools: [{ type: 'function', function: { name: 'bad name!' } }],
      }),
    ).toEqual([
      'max_tokens must not be greater than 4096',
      'messages[1].tool_call_id "x" names no tool call',
      'messages: the first message after system messages must be a user message',
      'tools[0].function.name must be 1 to 64 letters, digits, _ or -',
    ]);
  });

  it('refuses a tool result answered twice and duplicate tool names', () => {
    expect(
      problemsOf({
        messages: [
          { role: 'user', content: 'hi' },
          {
            role: 'assistant',
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '' } }],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'a' },
          { role: 'tool', tool_call_id: 'c1', content: 'b' },
        ],
        tools: [
          { type: 'function', function: { name: 'f' } },
          { type: 'function', function: { name: 'f' } },
        ],
      }),
    ).toEqual([
      'messages[3].tool_call_id "c1" was answered already',
      'tools[1].function.name f is declared twice',
    ]);
  });
});
