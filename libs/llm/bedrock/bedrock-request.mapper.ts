import type {
  ContentBlock,
  ConverseRequest,
  Message,
  ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
import { contentBlocks, LlmContentBlock, LlmMessage, LlmRequest, LlmUsage } from '../llm-client';
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
  | 'modelId'
  | 'messages'
  | 'system'
  | 'inferenceConfig'
  | 'additionalModelRequestFields'
  | 'toolConfig'
> & {
  modelId: string;
  guardrailConfig?: { guardrailIdentifier: string; guardrailVersion: string };
};

function toBlock(block: LlmContentBlock): ContentBlock {
  switch (block.type) {
    case 'text':
      return { text: block.text };
    case 'image':
      return { image: { format: block.format, source: { bytes: block.data } } };
    case 'tool-use':
      return {
        toolUse: { toolUseId: block.id, name: block.name, input: block.input as DocumentType },
      };
    case 'tool-result':
      return {
        toolResult: {
          toolUseId: block.toolUseId,
          content: [{ text: block.content }],
          ...(block.isError ? { status: 'error' as const } : {}),
        },
      };
  }
}

const blank = (block: LlmContentBlock): boolean => block.type === 'text' && !block.text.trim();

/**
 * Converse wants alternating roles and no blank text: merge neighbours (their texts joined by a
 * blank line), drop empty turns.
 */
function toMessages(messages: LlmMessage[]): Message[] {
  const merged: { role: LlmMessage['role']; blocks: LlmContentBlock[] }[] = [];
  for (const message of messages) {
    const blocks = contentBlocks(message.content).filter((block) => !blank(block));
    if (blocks.length === 0) continue;
    const last = merged.at(-1);
    if (last && last.role === message.role) {
      const tail = last.blocks.at(-1);
      if (tail?.type === 'text' && blocks[0].type === 'text') {
        last.blocks[last.blocks.length - 1] = {
          type: 'text',
          text: `${tail.text}\n\n${blocks[0].text}`,
        };
        last.blocks.push(...blocks.slice(1));
      } else last.blocks.push(...blocks);
    } else merged.push({ role: message.role, blocks });
  }
  return merged.map((m) => ({ role: m.role, content: m.blocks.map(toBlock) }));
}

const hasToolBlocks = (messages: Message[]): boolean =>
  messages.some((m) => m.content?.some((block) => block.toolUse ?? block.toolResult));

/**
 * Converse's toolConfig. It has no "none" choice, and refuses tool blocks in the history without
 * a toolConfig: with `none` the tools are sent (without a choice) only when the history needs them.
 */
function toToolConfig(request: LlmRequest, messages: Message[]): ToolConfiguration | undefined {
  const tools = request.tools ?? [];
  if (tools.length === 0) return undefined;
  const choice = request.toolChoice ?? { type: 'auto' };
  if (choice.type === 'none' && !hasToolBlocks(messages)) return undefined;
  return {
    tools: tools.map((tool) => ({
      toolSpec: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        inputSchema: { json: tool.inputSchema as DocumentType },
      },
    })),
    ...(choice.type === 'any' ? { toolChoice: { any: {} } } : {}),
    ...(choice.type === 'auto' ? { toolChoice: { auto: {} } } : {}),
    ...(choice.type === 'tool' ? { toolChoice: { tool: { name: choice.name } } } : {}),
  };
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
    toolConfig: toToolConfig(request, messages),
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
