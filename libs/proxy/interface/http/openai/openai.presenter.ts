import { randomUUID } from 'node:crypto';
import { LlmStopReason, LlmToolCall, LlmUsage } from '@app/llm';
import type { OpenAiFinishReason } from '../../../application/openai/openai-chat.types';
import { ProxyChatResult } from '../../../application/proxy-chat.use-case';
import { EmbedTextsResult } from '../../../application/embed-texts.use-case';
import { OpenAiToolCallDto } from './openai-chat.dto';
import { ChatCompletionDto, OpenAiEmbeddingListDto, OpenAiUsageDto } from './openai-responses.dto';

/** What every chunk of one completion repeats. */
export interface CompletionIds {
  id: string;
  created: number;
  model: string;
}

export function completionIds(model: string): CompletionIds {
  return {
    id: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
    created: Math.floor(Date.now() / 1000),
    model,
  };
}

const FINISH: Record<LlmStopReason['unified'], OpenAiFinishReason> = {
  end: 'stop',
  stop_sequence: 'stop',
  other: 'stop',
  length: 'length',
  tool_use: 'tool_calls',
  content_filter: 'content_filter',
};

export const finishReason = (stop: LlmStopReason): OpenAiFinishReason => FINISH[stop.unified];

export function presentUsage(usage: LlmUsage): OpenAiUsageDto {
  const prompt = usage.inputTokens ?? 0;
  const completion = usage.outputTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage.totalTokens ?? prompt + completion,
  };
}

const presentToolCall = (call: LlmToolCall): OpenAiToolCallDto => ({
  id: call.id,
  type: 'function',
  function: { name: call.name, arguments: JSON.stringify(call.input) },
});

export function presentCompletion(result: ProxyChatResult, ids: CompletionIds): ChatCompletionDto {
  const toolCalls = result.toolCalls.map(presentToolCall);
  return {
    id: ids.id,
    object: 'chat.completion',
    created: ids.created,
    model: result.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: result.text || toolCalls.length === 0 ? result.text : null,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReason(result.stop),
      },
    ],
    usage: presentUsage(result.usage),
    system_fingerprint: null,
  };
}

/** A `chat.completion.chunk`; with include_usage every chunk carries `usage` (null but the last). */
export function chunk(
  ids: CompletionIds,
  choices: object[],
  usage?: OpenAiUsageDto | null,
): Record<string, unknown> {
  return {
    id: ids.id,
    object: 'chat.completion.chunk',
    created: ids.created,
    model: ids.model,
    system_fingerprint: null,
    choices,
    ...(usage !== undefined ? { usage } : {}),
  };
}

export const deltaChoice = (delta: object, finish: OpenAiFinishReason | null = null): object => ({
  index: 0,
  delta,
  logprobs: null,
  finish_reason: finish,
});

/** Vectors as OpenAI sends them: numbers, or base64 of little-endian float32 values. */
export function presentEmbeddings(
  result: EmbedTextsResult,
  encoding: 'float' | 'base64',
): OpenAiEmbeddingListDto {
  const tokens = result.inputTokens ?? 0;
  return {
    object: 'list',
    data: result.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: encoding === 'base64' ? float32Base64(vector) : vector,
    })),
    model: result.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

function float32Base64(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}
