import { deterministicVector } from '@app/llm/internal/deterministic-vector';
import { estimateTokens, wordChunks } from '@app/llm/internal/stream-utils';
import { EmulatorBehaviour, EmulatorReplyContext } from './bedrock-emulator.types';

/** The parts of a Converse or Anthropic Messages body the emulator looks at. */
export interface ChatView {
  lastUserText: string;
  inputText: string;
  maxTokens?: number;
  stopSequences: string[];
}

export interface ChatPlan {
  text: string;
  chunks: string[];
  stopReason: string;
  inputTokens: number;
  outputTokens: number;
}

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null;

/** Text of a content value: a string, or blocks with `text` (Converse, Anthropic and OpenAI alike). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => {
      if (!isObject(block)) return '';
      if (typeof block.text === 'string') return block.text;
      // A Converse tool result: what the tool answered.
      return isObject(block.toolResult) ? textOf(block.toolResult.content) : '';
    })
    .join('');
}

/** Reads a chat body (Converse or Anthropic Messages); undefined when it is not one. */
export function readChat(body: unknown): ChatView | undefined {
  if (!isObject(body) || !Array.isArray(body.messages) || body.messages.length === 0)
    return undefined;
  const messages = body.messages.filter(isObject);
  const users = messages.filter((m) => m.role === 'user');
  const config = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
  const maxTokens = config.maxTokens ?? body.max_tokens;
  const stops = config.stopSequences ?? body.stop_sequences;
  // An OpenAI `tool` message last: the answer is about what the tool said.
  const newest = messages.at(-1);
  const asked = newest?.role === 'tool' ? newest : users.at(-1);
  return {
    lastUserText: textOf(asked?.content),
    inputText: [textOf(body.system), ...messages.map((m) => textOf(m.content))].join('\n'),
    maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
    stopSequences: Array.isArray(stops)
      ? stops.filter((s): s is string => typeof s === 'string')
      : [],
  };
}

export function defaultReply(ctx: EmulatorReplyContext): string {
  return `Emulated reply to: ${readChat(ctx.body)?.lastUserText ?? ''}`;
}

function split(text: string, count: number | undefined): string[] {
  if (count === undefined || count < 1) return wordChunks(text);
  const size = Math.ceil(text.length / count);
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

/** The reply, cut by stop sequences and by maxTokens (one word = one output token). */
export function planChat(
  view: ChatView,
  behaviour: EmulatorBehaviour,
  ctx: EmulatorReplyContext,
): ChatPlan {
  let text = behaviour.reply(ctx);
  let stopReason = 'end_turn';
  const cuts = view.stopSequences.map((s) => (s ? text.indexOf(s) : -1)).filter((i) => i >= 0);
  if (cuts.length > 0) {
    text = text.slice(0, Math.min(...cuts));
    stopReason = 'stop_sequence';
  }
  let words = wordChunks(text);
  if (view.maxTokens !== undefined && words.length > view.maxTokens) {
    words = words.slice(0, Math.max(1, view.maxTokens));
    text = words.join('');
    stopReason = 'max_tokens';
  }
  return {
    text,
    chunks: split(text, behaviour.chunkCount),
    stopReason: behaviour.stopReason ?? stopReason,
    inputTokens: estimateTokens(view.inputText),
    outputTokens: Math.max(1, words.length),
  };
}

export type Frame = [eventType: string, payload: unknown];
export interface FramePlan {
  head: Frame[];
  deltas: Frame[];
  /** Built when the deltas are out, so latencies are real. */
  tail: () => Frame[];
}

const usageOf = (plan: ChatPlan): Json => ({
  inputTokens: plan.inputTokens,
  outputTokens: plan.outputTokens,
  totalTokens: plan.inputTokens + plan.outputTokens,
});

export function converseResponse(plan: ChatPlan, latencyMs: number): Json {
  return {
    output: { message: { role: 'assistant', content: [{ text: plan.text }] } },
    stopReason: plan.stopReason,
    usage: usageOf(plan),
    metrics: { latencyMs },
  };
}

export function converseStreamFrames(plan: ChatPlan, latencyMs: () => number): FramePlan {
  return {
    head: [['messageStart', { role: 'assistant' }]],
    deltas: plan.chunks.map((text) => [
      'contentBlockDelta',
      { contentBlockIndex: 0, delta: { text } },
    ]),
    tail: () => [
      ['contentBlockStop', { contentBlockIndex: 0 }],
      ['messageStop', { stopReason: plan.stopReason }],
      ['metadata', { usage: usageOf(plan), metrics: { latencyMs: latencyMs() } }],
    ],
  };
}

export function anthropicResponse(plan: ChatPlan, modelId: string, id: string): Json {
  return {
    id,
    type: 'message',
    role: 'assistant',
    content: [{ type: 'text', text: plan.text }],
    model: modelId,
    stop_reason: plan.stopReason,
    stop_sequence: null,
    usage: { input_tokens: plan.inputTokens, output_tokens: plan.outputTokens },
  };
}

/** InvokeModelWithResponseStream: `chunk` frames carrying base64 Anthropic stream events. */
export function anthropicStreamFrames(
  plan: ChatPlan,
  modelId: string,
  id: string,
  latencyMs: () => number,
): FramePlan {
  const chunk = (event: Json): Frame => [
    'chunk',
    { bytes: Buffer.from(JSON.stringify(event)).toString('base64') },
  ];
  const message = { id, type: 'message', role: 'assistant', content: [], model: modelId };
  return {
    head: [
      chunk({
        type: 'message_start',
        message: {
          ...message,
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: plan.inputTokens, output_tokens: 1 },
        },
      }),
      chunk({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    ],
    deltas: plan.chunks.map((text) =>
      chunk({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
    ),
    tail: () => [
      chunk({ type: 'content_block_stop', index: 0 }),
      chunk({
        type: 'message_delta',
        delta: { stop_reason: plan.stopReason, stop_sequence: null },
        usage: { output_tokens: plan.outputTokens },
      }),
      chunk({
        type: 'message_stop',
        'amazon-bedrock-invocationMetrics': {
          inputTokenCount: plan.inputTokens,
          outputTokenCount: plan.outputTokens,
          invocationLatency: latencyMs(),
          firstByteLatency: 1,
        },
      }),
    ],
  };
}

export type EmbedAnswer = { ok: Json } | { invalid: string };

const TITAN_DIMENSIONS = [256, 512, 1024];

export function titanEmbedding(body: unknown): EmbedAnswer {
  if (!isObject(body) || typeof body.inputText !== 'string' || body.inputText.length === 0) {
    return { invalid: 'Malformed input request: #: required key [inputText] not found' };
  }
  const dimensions = body.dimensions ?? 1024;
  if (typeof dimensions !== 'number' || !TITAN_DIMENSIONS.includes(dimensions)) {
    return {
      invalid: `Malformed input request: #/dimensions: ${String(dimensions)} is not a valid enum value`,
    };
  }
  const normalize = body.normalize !== false;
  return {
    ok: {
      embedding: deterministicVector(body.inputText, dimensions, normalize),
      inputTextTokenCount: estimateTokens(body.inputText),
    },
  };
}

export function cohereEmbedding(body: unknown, id: string): EmbedAnswer {
  const texts = isObject(body) ? body.texts : undefined;
  if (
    !Array.isArray(texts) ||
    texts.length === 0 ||
    texts.length > 96 ||
    !texts.every((t) => typeof t === 'string')
  ) {
    return { invalid: 'Malformed input request: texts must hold 1 to 96 strings' };
  }
  const dimension =
    isObject(body) && typeof body.output_dimension === 'number' ? body.output_dimension : 1024;
  return {
    ok: {
      embeddings: texts.map((text: string) => deterministicVector(text, dimension, false)),
      id,
      response_type: 'embeddings_floats',
      texts,
    },
  };
}
