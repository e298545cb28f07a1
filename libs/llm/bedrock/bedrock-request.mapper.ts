import type { ConverseRequest, Message } from '@aws-sdk/client-bedrock-runtime';
import { LlmMessage, LlmRequest, LlmUsage } from '../llm-client';
import { LlmBadRequestError } from '../llm-errors';

export interface ConverseDefaults {
  modelId: string;
  maxTokens: number;
  temperature?: number;
  guardrail?: { id: string; version: string };
}

/** The Converse fields shared by Converse and ConverseStream. */
export type ConverseInput = Pick<
  ConverseRequest,
  'modelId' | 'messages' | 'system' | 'inferenceConfig' | 'additionalModelRequestFields'
> & {
  modelId: string;
  guardrailConfig?: { guardrailIdentifier: string; guardrailVersion: string };
};

/** Converse wants alternating roles and no blank text: merge neighbours, drop empty turns. */
function toMessages(messages: LlmMessage[]): Message[] {
  const merged: { role: LlmMessage['role']; texts: string[] }[] = [];
  for (const message of messages) {
    if (!message.content.trim()) continue;
    const last = merged.at(-1);
    if (last && last.role === message.role) last.texts.push(message.content);
    else merged.push({ role: message.role, texts: [message.content] });
  }
  return merged.map((m) => ({ role: m.role, content: [{ text: m.texts.join('\n\n') }] }));
}

/** Builds the Converse input: request values win over the configured defaults. */
export function toConverseInput(request: LlmRequest, defaults: ConverseDefaults): ConverseInput {
  const modelId = request.model || defaults.modelId;
  const messages = toMessages(request.messages);
  if (messages.length === 0) {
    throw new LlmBadRequestError('An LLM request needs at least one non-empty message');
  }
  const guardrail =
    request.guardrail === null ? undefined : (request.guardrail ?? defaults.guardrail);
  const temperature = request.temperature ?? defaults.temperature;
  return {
    modelId,
    messages,
    system: request.system?.trim() ? [{ text: request.system }] : undefined,
    inferenceConfig: {
      maxTokens: request.maxTokens ?? defaults.maxTokens,
      ...(temperature !== undefined ? { temperature } : {}),
      ...(request.topP !== undefined ? { topP: request.topP } : {}),
      ...(request.stopSequences?.length ? { stopSequences: request.stopSequences } : {}),
    },
    // Converse has no top-k; Anthropic models take it as an extra field.
    additionalModelRequestFields:
      request.topK !== undefined && modelId.includes('anthropic.')
        ? { top_k: request.topK }
        : undefined,
    guardrailConfig: guardrail
      ? { guardrailIdentifier: guardrail.id, guardrailVersion: guardrail.version }
      : undefined,
  };
}

export function toUsage(
  usage: { inputTokens?: number; outputTokens?: number; totalTokens?: number } | undefined,
): LlmUsage {
  const inputTokens = usage?.inputTokens;
  const outputTokens = usage?.outputTokens;
  const totalTokens =
    usage?.totalTokens ??
    (inputTokens !== undefined && outputTokens !== undefined
      ? inputTokens + outputTokens
      : undefined);
  return { inputTokens, outputTokens, totalTokens };
}
