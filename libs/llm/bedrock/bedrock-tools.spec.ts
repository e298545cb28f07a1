import type { BedrockRuntimeClient, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { LlmEvent, LlmRequest } from '../llm-client';
import { BedrockLlmClient } from './bedrock.llm-client';
import { toConverseInput } from './bedrock-request.mapper';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const DEFAULTS = { modelId: MODEL, maxTokens: 100 };
const TOOLS: LlmRequest['tools'] = [
  {
    name: 'get_weather',
    inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
  },
];
const HISTORY: LlmRequest['messages'] = [
  { role: 'user', content: 'Weather?' },
  { role: 'assistant', content: [{ type: 'tool-use', id: 't1', name: 'get_weather', input: {} }] },
  {
    role: 'user',
    content: [{ type: 'tool-result', toolUseId: 't1', content: 'sunny', isError: true }],
  },
  { role: 'user', content: 'Thanks' },
];

describe('Converse tool mapping', () => {
  it('maps tools and each choice; none sends tools without a choice only when the history needs them', () => {
    const input = (extra: Partial<LlmRequest>) =>
      toConverseInput(
        { model: MODEL, messages: [{ role: 'user', content: 'hi' }], tools: TOOLS, ...extra },
        DEFAULTS,
      );
    const spec = {
      toolSpec: { name: 'get_weather', inputSchema: { json: TOOLS![0].inputSchema } },
    };
    expect(input({}).toolConfig).toEqual({ tools: [spec], toolChoice: { auto: {} } });
    expect(input({ toolChoice: { type: 'any' } }).toolConfig?.toolChoice).toEqual({ any: {} });
    expect(
      input({ toolChoice: { type: 'tool', name: 'get_weather' } }).toolConfig?.toolChoice,
    ).toEqual({
      tool: { name: 'get_weather' },
    });
    expect(input({ toolChoice: { type: 'none' } }).toolConfig).toBeUndefined();
    expect(input({ toolChoice: { type: 'none' }, messages: HISTORY }).toolConfig).toEqual({
      tools: [spec],
    });
  });

  it('maps tool blocks, merging the tool result and the next user text into one user turn', () => {
    expect(
      toConverseInput({ model: MODEL, messages: HISTORY, tools: TOOLS }, DEFAULTS).messages,
    ).toEqual([
      { role: 'user', content: [{ text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: {} } }],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }], status: 'error' } },
          { text: 'Thanks' },
        ],
      },
    ]);
  });
});

describe('ConverseStream tool events', () => {
  it('numbers tool calls from 0 after a text block and routes input deltas by block index', async () => {
    const frames: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Let me check.' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      {
        contentBlockStart: {
          contentBlockIndex: 1,
          start: { toolUse: { toolUseId: 'a', name: 'get_weather' } },
        },
      },
      {
        contentBlockStart: {
          contentBlockIndex: 2,
          start: { toolUse: { toolUseId: 'b', name: 'get_weather' } },
        },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 2,
          delta: { toolUse: { input: '{"city":"Oslo"}' } },
        },
      },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } } } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '"Paris"}' } } } },
      { messageStop: { stopReason: 'tool_use' } },
      {
        metadata: {
          usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 },
          metrics: { latencyMs: 1 },
        },
      },
    ] as ConverseStreamOutput[];
    async function* stream() {
      yield* frames;
    }
    const sdk = { send: async () => ({ stream: stream() }) } as unknown as BedrockRuntimeClient;
    const client = new BedrockLlmClient({
      region: 'us-east-1',
      embedModelId: 'x',
      ...DEFAULTS,
      client: sdk,
    });
    const events: LlmEvent[] = [];
    for await (const event of client.stream({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      tools: TOOLS,
    })) {
      events.push(event);
    }
    expect(events).toEqual([
      { type: 'start', model: MODEL },
      { type: 'text-delta', text: 'Let me check.' },
      { type: 'tool-call-start', index: 0, id: 'a', name: 'get_weather' },
      { type: 'tool-call-start', index: 1, id: 'b', name: 'get_weather' },
      { type: 'tool-input-delta', index: 1, json: '{"city":"Oslo"}' },
      { type: 'tool-input-delta', index: 0, json: '{"city":' },
      { type: 'tool-input-delta', index: 0, json: '"Paris"}' },
      {
        type: 'finish',
        usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 },
        stopReason: { unified: 'tool_use', raw: 'tool_use' },
      },
    ]);
  });
});
