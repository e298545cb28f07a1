import { contentBlocks, LlmRequest, LlmStopReason } from '@app/llm';
import { AnthropicPayload, BEDROCK_ANTHROPIC_VERSION, contentText } from './anthropic-payload';

/**
 * The port's request for a validated payload: the translated fields every provider understands,
 * plus the body itself (with `anthropic_version` defaulted) for the Bedrock adapter to send
 * to InvokeModel as-is on Anthropic models.
 */
export function toLlmRequest(payload: AnthropicPayload, model: string): LlmRequest {
  const system = contentText(payload.system);
  return {
    model,
    ...(system.trim() ? { system } : {}),
    messages: payload.messages.map((m) => ({ role: m.role, content: contentText(m.content) })),
    maxTokens: payload.max_tokens,
    temperature: payload.temperature,
    topP: payload.top_p,
    topK: payload.top_k,
    stopSequences: payload.stop_sequences,
    native: {
      format: 'anthropic-messages',
      body: { anthropic_version: BEDROCK_ANTHROPIC_VERSION, ...payload },
    },
  };
}

/** Stop reasons Anthropic (and Bedrock for Anthropic models) already use: kept as they are. */
const ANTHROPIC_REASONS = new Set([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'guardrail_intervened',
  'content_filtered',
]);

const BY_UNIFIED: Record<LlmStopReason['unified'], string | undefined> = {
  end: 'end_turn',
  length: 'max_tokens',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_use',
  content_filter: 'content_filtered',
  other: undefined,
};

/** The stop reason in Anthropic's words, whichever provider answered. */
export function anthropicStopReason(stop: LlmStopReason): string | null {
  if (stop.raw && ANTHROPIC_REASONS.has(stop.raw)) return stop.raw;
  return BY_UNIFIED[stop.unified] ?? stop.raw ?? null;
}

/** An image costs at most about 1,600 tokens (Anthropic's documented ceiling). */
const IMAGE_CHARS = 1600 * 4;

/** Rough size in characters of a message's content. */
function contentChars(content: LlmRequest['messages'][number]['content']): number {
  if (typeof content === 'string') return content.length;
  let chars = 0;
  for (const block of contentBlocks(content)) {
    if (block.type === 'text') chars += block.text.length;
    else if (block.type === 'tool-result') chars += block.content.length;
    else if (block.type === 'tool-use') chars += JSON.stringify(block.input).length;
    else chars += IMAGE_CHARS;
  }
  return chars;
}

/** Rough token estimate (4 characters a token) for the daily budget check. */
export function estimateInputTokens(request: LlmRequest): number {
  const chars =
    (request.system ?? '').length +
    request.messages.reduce((n, m) => n + contentChars(m.content), 0);
  return Math.ceil(chars / 4);
}
