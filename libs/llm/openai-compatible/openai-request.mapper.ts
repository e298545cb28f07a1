import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions/completions';
import {
  contentBlocks,
  LlmContentBlock,
  LlmMessage,
  LlmRequest,
  LlmStopReason,
  LlmToolCall,
  LlmToolChoice,
  LlmUsage,
  UnifiedStopReason,
} from '../llm-client';
import { LlmBadRequestError } from '../llm-errors';

/** Which request field carries the output-token cap (OPENAI_MAX_TOKENS_FIELD). */
export type MaxTokensField = 'max_tokens' | 'max_completion_tokens';

export interface ChatDefaults {
  modelId: string;
  maxTokens: number;
  temperature?: number;
  maxTokensField?: MaxTokensField;
}

/** The fields shared by the JSON and the streamed chat completion calls. */
export type ChatParams = Omit<ChatCompletionCreateParamsBase, 'stream' | 'stream_options'>;

function userPart(block: LlmContentBlock): ChatCompletionContentPart[] {
  if (block.type === 'text') return block.text.trim() ? [{ type: 'text', text: block.text }] : [];
  if (block.type !== 'image') return [];
  const url = `data:image/${block.format};base64,${Buffer.from(block.data).toString('base64')}`;
  return [{ type: 'image_url', image_url: { url } }];
}

/**
 * One port message as chat completion messages: tool results become `tool` messages (before
 * the user's own words, right after the assistant's calls), tool calls the assistant's
 * `tool_calls`, images `image_url` parts with data URLs.
 */
function toChatMessages(message: LlmMessage): ChatCompletionMessageParam[] {
  if (typeof message.content === 'string') {
    return message.content.trim() ? [{ role: message.role, content: message.content }] : [];
  }
  const blocks = contentBlocks(message.content);
  if (message.role === 'assistant') {
    const text = blocks.map((b) => (b.type === 'text' ? b.text : '')).join('');
    const calls: ChatCompletionMessageToolCall[] = blocks.flatMap((b) =>
      b.type === 'tool-use'
        ? [
            {
              id: b.id,
              type: 'function' as const,
              function: { name: b.name, arguments: JSON.stringify(b.input) },
            },
          ]
        : [],
    );
    if (calls.length === 0) return text.trim() ? [{ role: 'assistant', content: text }] : [];
    return [{ role: 'assistant', content: text.trim() ? text : null, tool_calls: calls }];
  }
  const results: ChatCompletionMessageParam[] = blocks.flatMap((b) =>
    b.type === 'tool-result'
      ? [{ role: 'tool' as const, tool_call_id: b.toolUseId, content: b.content }]
      : [],
  );
  const parts = blocks.flatMap(userPart);
  if (parts.length === 0) return results;
  const onlyText = parts.every((part) => part.type === 'text');
  const content = onlyText ? parts.map((part) => (part as { text: string }).text).join('') : parts;
  return [...results, { role: 'user', content }];
}

function toToolChoice(choice: LlmToolChoice | undefined): ChatCompletionToolChoiceOption {
  switch (choice?.type) {
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
    default:
      return 'auto';
  }
}

/** A tool call of a completion; arguments that are not a JSON object count as none. */
export function fromToolCall(call: {
  id: string;
  function: { name: string; arguments: string };
}): LlmToolCall {
  let input: unknown;
  try {
    input = JSON.parse(call.function.arguments || '{}');
  } catch {
    input = {};
  }
  const object = typeof input === 'object' && input !== null && !Array.isArray(input);
  return {
    id: call.id,
    name: call.function.name,
    input: object ? (input as Record<string, unknown>) : {},
  };
}

/** OpenAI accepts at most 4 stop sequences; servers differ, so send what the caller gave. */
export function toChatParams(request: LlmRequest, defaults: ChatDefaults): ChatParams {
  const messages: ChatCompletionMessageParam[] = request.messages.flatMap(toChatMessages);
  if (messages.length === 0) {
    throw new LlmBadRequestError('An LLM request needs at least one non-empty message');
  }
  if (request.system?.trim()) messages.unshift({ role: 'system', content: request.system });
  const temperature = request.temperature ?? defaults.temperature;
  const maxTokens = request.maxTokens ?? defaults.maxTokens;
  return {
    model: request.model || defaults.modelId,
    messages,
    [defaults.maxTokensField ?? 'max_tokens']: maxTokens,
    ...(temperature !== undefined ? { temperature } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    // No top_k: it is not part of the OpenAI API (OpenAI itself rejects unknown fields).
    ...(request.stopSequences?.length ? { stop: request.stopSequences } : {}),
    ...(request.tools?.length
      ? {
          tools: request.tools.map((tool) => ({
            type: 'function' as const,
            function: {
              name: tool.name,
              ...(tool.description ? { description: tool.description } : {}),
              parameters: tool.inputSchema,
            },
          })),
          tool_choice: toToolChoice(request.toolChoice),
        }
      : {}),
  };
}

const UNIFIED: Record<string, UnifiedStopReason> = {
  stop: 'end',
  length: 'length',
  content_filter: 'content_filter',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
};

/**
 * finish_reason -> the port's stop reason. OpenAI reports a stop sequence as plain `stop`;
 * vLLM adds `stop_reason` (the stop string that matched), which makes it `stop_sequence`.
 */
export function unifyFinishReason(
  finishReason: string | null | undefined,
  matchedStop?: unknown,
): LlmStopReason {
  if (!finishReason) return { unified: 'other' };
  if (finishReason === 'stop' && typeof matchedStop === 'string' && matchedStop.length > 0) {
    return { unified: 'stop_sequence', raw: finishReason };
  }
  return { unified: UNIFIED[finishReason] ?? 'other', raw: finishReason };
}

export function toUsage(
  usage:
    | { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number }
    | null
    | undefined,
): LlmUsage {
  const inputTokens = usage?.prompt_tokens;
  const outputTokens = usage?.completion_tokens;
  const totalTokens =
    usage?.total_tokens ??
    (inputTokens !== undefined && outputTokens !== undefined
      ? inputTokens + outputTokens
      : undefined);
  return { inputTokens, outputTokens, totalTokens };
}
