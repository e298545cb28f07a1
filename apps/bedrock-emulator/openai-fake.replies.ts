import { deterministicVector } from '@app/llm/internal/deterministic-vector';
import { estimateTokens } from '@app/llm/internal/stream-utils';
import { ChatPlan, ChatView, isObject, Json, textOf } from './bedrock-emulator.replies';

/** Reads a chat completions body; undefined when it holds no messages. */
export function readOpenAiChat(body: unknown): ChatView | undefined {
  if (!isObject(body) || !Array.isArray(body.messages) || body.messages.length === 0)
    return undefined;
  const messages = body.messages.filter(isObject);
  const users = messages.filter((m) => m.role === 'user');
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const stop = body.stop;
  const stops = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop : [];
  // After tool results, the answer is about what the tools said.
  const newest = messages.at(-1);
  const asked = newest?.role === 'tool' ? newest : users.at(-1);
  return {
    lastUserText: textOf(asked?.content),
    inputText: messages.map((m) => textOf(m.content)).join('\n'),
    maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
    stopSequences: stops.filter((s): s is string => typeof s === 'string'),
  };
}

const FINISH: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
};

/** finish_reason, plus vLLM's `stop_reason` (the stop string that cut the answer). */
export interface Finish {
  finishReason: string;
  stopReason: string | null;
}

export function finishOf(plan: ChatPlan, fullReply: string, view: ChatView): Finish {
  let matched: string | null = null;
  if (plan.stopReason === 'stop_sequence') {
    const hits = view.stopSequences
      .map((s) => ({ s, at: s ? fullReply.indexOf(s) : -1 }))
      .filter((hit) => hit.at >= 0)
      .sort((a, b) => a.at - b.at);
    matched = hits[0]?.s ?? null;
  }
  return { finishReason: FINISH[plan.stopReason] ?? plan.stopReason, stopReason: matched };
}

export interface ChatIds {
  id: string;
  model: string;
  created: number;
}

/** OpenAI's `usage` object. */
export const openAiUsage = (inputTokens: number, outputTokens: number): Json => ({
  prompt_tokens: inputTokens,
  completion_tokens: outputTokens,
  total_tokens: inputTokens + outputTokens,
});

export function completionBody(ids: ChatIds, plan: ChatPlan, finish: Finish): Json {
  return {
    id: ids.id,
    object: 'chat.completion',
    created: ids.created,
    model: ids.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: plan.text },
        logprobs: null,
        finish_reason: finish.finishReason,
        stop_reason: finish.stopReason,
      },
    ],
    usage: openAiUsage(plan.inputTokens, plan.outputTokens),
  };
}

/** One streamed `chat.completion.chunk`. */
export function completionChunk(ids: ChatIds, choices: Json[], extra: Json = {}): Json {
  return {
    id: ids.id,
    object: 'chat.completion.chunk',
    created: ids.created,
    model: ids.model,
    choices,
    ...extra,
  };
}

/** The SSE payloads of a streamed completion: head, one per text chunk, then the tail. */
export function completionChunks(
  ids: ChatIds,
  plan: ChatPlan,
  finish: Finish,
  includeUsage: boolean,
): { head: Json; deltas: Json[]; tail: Json[] } {
  const choice = (delta: Json, finishReason: string | null = null, more: Json = {}): Json => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
    ...more,
  });
  const last = completionChunk(ids, [
    choice({}, finish.finishReason, { stop_reason: finish.stopReason }),
  ]);
  return {
    head: completionChunk(ids, [choice({ role: 'assistant', content: '' })]),
    deltas: plan.chunks.map((text) => completionChunk(ids, [choice({ content: text })])),
    tail: includeUsage
      ? [
          last,
          completionChunk(ids, [], { usage: openAiUsage(plan.inputTokens, plan.outputTokens) }),
        ]
      : [last],
  };
}

export type EmbeddingsAnswer = { ok: Json } | { invalid: string };

/** /v1/embeddings: deterministic unit vectors (as OpenAI's are), `dimensions` honoured. */
export function embeddingsBody(body: unknown): EmbeddingsAnswer {
  const input = isObject(body) ? body.input : undefined;
  const texts = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(texts) || texts.length === 0 || texts.length > 2048) {
    return { invalid: "'input' must be a string or an array of 1 to 2048 strings" };
  }
  if (!texts.every((t): t is string => typeof t === 'string' && t.length > 0)) {
    return { invalid: "'input' must not contain empty or non-string items" };
  }
  const requested = isObject(body) ? body.dimensions : undefined;
  if (requested !== undefined && (typeof requested !== 'number' || requested < 1)) {
    return { invalid: "'dimensions' must be a positive integer" };
  }
  const dimensions = typeof requested === 'number' ? requested : 1024;
  const base64 = isObject(body) && body.encoding_format === 'base64';
  const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  return {
    ok: {
      object: 'list',
      data: texts.map((text, index) => {
        const vector = deterministicVector(text, dimensions, true);
        const embedding = base64
          ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
          : vector;
        return { object: 'embedding', index, embedding };
      }),
      model: isObject(body) && typeof body.model === 'string' ? body.model : 'unknown',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}
