import { mockToolArguments } from '@app/llm/mock/mock-tools';
import { estimateTokens } from '@app/llm/internal/stream-utils';
import { Frame, isObject, Json, textOf } from './bedrock-emulator.replies';
import { ChatIds, completionChunk, openAiUsage } from './openai-fake.replies';

/** The tool call the emulator (or the OpenAI fake) answers with instead of text. */
export interface EmulatedToolCall {
  id: string;
  name: string;
  input: Json;
  inputTokens: number;
}

interface ToolView {
  name: string;
  schema: Json;
}

let counter = 0;

/**
 * Asked for a call: a forced tool (`tool`/`any`, `required`/a named function), else the first
 * tool named in the last user text. Never when the newest message carries tool results.
 */
function decide(
  tools: ToolView[],
  choice: 'auto' | 'any' | 'none' | { name: string },
  lastUserText: string,
  inputText: string,
): EmulatedToolCall | undefined {
  if (tools.length === 0 || choice === 'none') return undefined;
  const named =
    typeof choice === 'object'
      ? tools.find((tool) => tool.name === choice.name)
      : tools
          .map((tool) => ({ tool, at: lastUserText.indexOf(tool.name) }))
          .filter((hit) => hit.at >= 0)
          .sort((a, b) => a.at - b.at)[0]?.tool;
  const tool = named ?? (choice === 'any' ? tools[0] : undefined);
  if (!tool) return undefined;
  counter += 1;
  return {
    id: `tooluse_emu${process.pid}x${counter}`,
    name: tool.name,
    input: mockToolArguments(tool.schema, lastUserText),
    inputTokens: estimateTokens(inputText),
  };
}

const messagesOf = (body: Json): Json[] =>
  Array.isArray(body.messages) ? body.messages.filter(isObject) : [];

/** Converse: `toolConfig.tools[].toolSpec`, `toolChoice` {auto|any|tool}. */
export function converseToolCall(body: unknown): EmulatedToolCall | undefined {
  if (!isObject(body) || !isObject(body.toolConfig)) return undefined;
  const config = body.toolConfig;
  const tools: ToolView[] = (Array.isArray(config.tools) ? config.tools : [])
    .map((tool: unknown) => (isObject(tool) && isObject(tool.toolSpec) ? tool.toolSpec : {}))
    .filter((spec: Json) => typeof spec.name === 'string')
    .map((spec: Json) => ({
      name: spec.name as string,
      schema:
        isObject(spec.inputSchema) && isObject(spec.inputSchema.json) ? spec.inputSchema.json : {},
    }));
  const messages = messagesOf(body);
  const newest = messages.at(-1);
  const answersTools =
    Array.isArray(newest?.content) && newest.content.some((b) => isObject(b) && b.toolResult);
  if (answersTools) return undefined;
  const choice = isObject(config.toolChoice) ? config.toolChoice : {};
  const picked =
    isObject(choice.tool) && typeof choice.tool.name === 'string' ? choice.tool.name : undefined;
  const lastUser = messages.filter((m) => m.role === 'user').at(-1);
  return decide(
    tools,
    picked ? { name: picked } : choice.any ? 'any' : 'auto',
    textOf(lastUser?.content),
    messages.map((m) => textOf(m.content)).join('\n'),
  );
}

/** Chat completions: `tools[].function`, `tool_choice` auto|none|required|{function:{name}}. */
export function openAiToolCall(body: unknown): EmulatedToolCall | undefined {
  if (!isObject(body) || !Array.isArray(body.tools)) return undefined;
  const tools: ToolView[] = body.tools
    .map((tool: unknown) => (isObject(tool) && isObject(tool.function) ? tool.function : {}))
    .filter((fn: Json) => typeof fn.name === 'string')
    .map((fn: Json) => ({
      name: fn.name as string,
      schema: isObject(fn.parameters) ? fn.parameters : {},
    }));
  const messages = messagesOf(body);
  if (messages.at(-1)?.role === 'tool') return undefined;
  const raw = body.tool_choice;
  const choice =
    raw === 'none'
      ? 'none'
      : raw === 'required'
        ? 'any'
        : isObject(raw) && isObject(raw.function) && typeof raw.function.name === 'string'
          ? { name: raw.function.name }
          : 'auto';
  const lastUser = messages.filter((m) => m.role === 'user').at(-1);
  return decide(
    tools,
    choice,
    textOf(lastUser?.content),
    messages.map((m) => textOf(m.content)).join('\n'),
  );
}

const outputTokens = (call: EmulatedToolCall): number => estimateTokens(JSON.stringify(call.input));

const usageOf = (call: EmulatedToolCall): Json => ({
  inputTokens: call.inputTokens,
  outputTokens: outputTokens(call),
  totalTokens: call.inputTokens + outputTokens(call),
});

export function converseToolResponse(call: EmulatedToolCall, latencyMs: number): Json {
  return {
    output: {
      message: {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: call.id, name: call.name, input: call.input } }],
      },
    },
    stopReason: 'tool_use',
    usage: usageOf(call),
    metrics: { latencyMs },
  };
}

/** ConverseStream: contentBlockStart (toolUse), the input JSON in two deltas, then the tail. */
export function converseToolFrames(call: EmulatedToolCall, latencyMs: () => number): Frame[] {
  const json = JSON.stringify(call.input);
  const half = Math.ceil(json.length / 2);
  return [
    ['messageStart', { role: 'assistant' }],
    [
      'contentBlockStart',
      { contentBlockIndex: 0, start: { toolUse: { toolUseId: call.id, name: call.name } } },
    ],
    [
      'contentBlockDelta',
      { contentBlockIndex: 0, delta: { toolUse: { input: json.slice(0, half) } } },
    ],
    [
      'contentBlockDelta',
      { contentBlockIndex: 0, delta: { toolUse: { input: json.slice(half) } } },
    ],
    ['contentBlockStop', { contentBlockIndex: 0 }],
    ['messageStop', { stopReason: 'tool_use' }],
    ['metadata', { usage: usageOf(call), metrics: { latencyMs: latencyMs() } }],
  ];
}

const toolCallUsage = (call: EmulatedToolCall): Json =>
  openAiUsage(call.inputTokens, outputTokens(call));

export function openAiToolCompletion(call: EmulatedToolCall, ids: ChatIds): Json {
  const toolCall = {
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.input) },
  };
  return {
    id: ids.id,
    object: 'chat.completion',
    created: ids.created,
    model: ids.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: null, tool_calls: [toolCall] },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ],
    usage: toolCallUsage(call),
  };
}

/** The streamed chunks of a tool call: id and name first, the arguments in two pieces. */
export function openAiToolChunks(
  call: EmulatedToolCall,
  ids: ChatIds,
  includeUsage: boolean,
): Json[] {
  const json = JSON.stringify(call.input);
  const half = Math.ceil(json.length / 2);
  const chunk = (choices: Json[], extra: Json = {}) => completionChunk(ids, choices, extra);
  const delta = (d: Json, finish: string | null = null): Json[] => [
    { index: 0, delta: d, logprobs: null, finish_reason: finish },
  ];
  const args = (text: string): Json => ({
    tool_calls: [{ index: 0, function: { arguments: text } }],
  });
  return [
    chunk(
      delta({
        role: 'assistant',
        content: null,
        tool_calls: [
          { index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
        ],
      }),
    ),
    chunk(delta(args(json.slice(0, half)))),
    chunk(delta(args(json.slice(half)))),
    chunk(delta({}, 'tool_calls')),
    ...(includeUsage ? [chunk([], { usage: toolCallUsage(call) })] : []),
  ];
}
