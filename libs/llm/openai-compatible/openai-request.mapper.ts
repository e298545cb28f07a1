import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions/completions';
import { LlmRequest, LlmStopReason, LlmUsage, UnifiedStopReason } from '../llm-client';
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

/** OpenAI accepts at most 4 stop sequences; servers differ, so send what the caller gave. */
export function toChatParams(request: LlmRequest, defaults: ChatDefaults): ChatParams {
  const messages: ChatCompletionMessageParam[] = request.messages
    .filter((message) => message.content.trim().length > 0)
    .map((message) => ({ role: message.role, content: message.content }));
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
