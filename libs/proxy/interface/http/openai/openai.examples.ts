/** Swagger examples of the chat completions route. */
export const CHAT_EXAMPLES = {
  chat: {
    summary: 'A chat answer',
    value: {
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'Explain DevOps in one sentence.' },
      ],
      max_tokens: 256,
      temperature: 0.2,
    },
  },
  stream: {
    summary: 'Streamed, with usage in the last chunk',
    value: {
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [{ role: 'user', content: 'Write a haiku about logs.' }],
      stream: true,
      stream_options: { include_usage: true },
    },
  },
  tools: {
    summary: 'Tool use: the answer calls get_weather (finish_reason tool_calls)',
    value: {
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [{ role: 'user', content: 'What is the weather in Paris? Use get_weather.' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'The current weather in a city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
          },
        },
      ],
      tool_choice: 'auto',
    },
  },
  toolResult: {
    summary: 'Tool use: the result sent back',
    value: {
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [
        { role: 'user', content: 'What is the weather in Paris? Use get_weather.' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"sky":"sunny","celsius":21}' },
      ],
    },
  },
};

export const STREAM_EXAMPLE =
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764859200,"model":"anthropic.claude-3-haiku-20240307-v1:0","system_fingerprint":null,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}\n\n' +
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764859200,"model":"anthropic.claude-3-haiku-20240307-v1:0","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":"Logs "},"logprobs":null,"finish_reason":null}],"usage":null}\n\n' +
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764859200,"model":"anthropic.claude-3-haiku-20240307-v1:0","system_fingerprint":null,"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}\n\n' +
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764859200,"model":"anthropic.claude-3-haiku-20240307-v1:0","system_fingerprint":null,"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":17,"total_tokens":26}}\n\n' +
  'data: [DONE]\n\n';
