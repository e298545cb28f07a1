import {
  contentText,
  EmbedRequest,
  EmbedResult,
  LlmClient,
  LlmEvent,
  LlmRequest,
  LlmResult,
  LlmStopReason,
  LlmToolCall,
  LlmUsage,
} from '../llm-client';
import {
  LlmAuthError,
  LlmBadRequestError,
  LlmError,
  LlmThrottledError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../llm-errors';
import { abortedError, sleep, throwIfAborted } from '../internal/abort';
import { deterministicVector } from '../internal/deterministic-vector';
import { estimateTokens, wordChunks } from '../internal/stream-utils';
import { mockToolAnswer, mockToolCall } from './mock-tools';

/**
 * A scripted failure or behaviour of one mock call. Produced by the `faults` test hook or by
 * magic content in the LAST user message:
 *
 *   [mock:throttle]         rejects with LlmThrottledError (retryAfterMs 1000) before any event
 *   [mock:unavailable]      rejects with LlmUnavailableError (503) before any event
 *   [mock:timeout]          rejects with LlmTimeoutError
 *   [mock:bad-request]      rejects with LlmBadRequestError
 *   [mock:auth]             rejects with LlmAuthError
 *   [mock:fail-mid-stream]  streams 2 text chunks, then an `error` event (LlmUnavailableError);
 *                           generate rejects with LlmUnavailableError
 *   [mock:slow]             100 ms before the answer and between streamed chunks
 *   [mock:hang]             never answers; only the AbortSignal ends the call
 *   [mock:content-filter]   answers normally with stop reason content_filter
 *
 * Tools (see mock-tools.ts): a request with tools whose last user message names one of them
 * (or whose tool choice forces one) gets a call of that tool, arguments made from the message;
 * a request ending with tool results gets a text answer quoting them.
 */
export type MockFault =
  | { kind: 'error'; error: LlmError }
  | { kind: 'fail-mid-stream'; afterChunks?: number; error?: LlmError }
  | { kind: 'slow'; firstDelayMs?: number; chunkDelayMs?: number }
  | { kind: 'hang' }
  | { kind: 'stop-reason'; stopReason: LlmStopReason };

export interface MockCall {
  operation: 'generate' | 'stream' | 'embed';
  model: string;
  signal?: AbortSignal;
}

export interface MockLlmClientOptions {
  /** Delay between streamed chunks (MOCK_TOKEN_DELAY_MS); 0 = none. Default 20. */
  tokenDelayMs?: number;
  /** Test hook deciding a fault per call; it wins over magic content. */
  faults?: (call: MockCall) => MockFault | undefined;
}

const SLOW_DELAY_MS = 100;
const HANG_MS = 2 ** 31 - 1;
const END: LlmStopReason = { unified: 'end', raw: 'end_turn' };

function magicFault(text: string): MockFault | undefined {
  const has = (tag: string): boolean => text.includes(`[mock:${tag}]`);
  if (has('throttle')) {
    return { kind: 'error', error: new LlmThrottledError('Mock throttling', 1000, 'mock') };
  }
  if (has('unavailable')) {
    return { kind: 'error', error: new LlmUnavailableError('Mock unavailable', 'mock') };
  }
  if (has('timeout')) return { kind: 'error', error: new LlmTimeoutError('Mock timeout', 'mock') };
  if (has('bad-request')) {
    return { kind: 'error', error: new LlmBadRequestError('Mock bad request', 'mock') };
  }
  if (has('auth')) return { kind: 'error', error: new LlmAuthError('Mock auth failure', 'mock') };
  if (has('fail-mid-stream')) return { kind: 'fail-mid-stream', afterChunks: 2 };
  if (has('slow')) return { kind: 'slow' };
  if (has('hang')) return { kind: 'hang' };
  if (has('content-filter')) {
    return {
      kind: 'stop-reason',
      stopReason: { unified: 'content_filter', raw: 'content_filtered' },
    };
  }
  return undefined;
}

interface Plan {
  model: string;
  text: string;
  toolCalls: LlmToolCall[];
  usage: LlmUsage;
  stopReason: LlmStopReason;
  fault?: MockFault;
  firstDelayMs: number;
  chunkDelayMs: number;
}

/** Deterministic, offline LLM client that says it is a mock and echoes what it was asked. */
export class MockLlmClient extends LlmClient {
  readonly provider = 'mock';
  private readonly tokenDelayMs: number;

  constructor(private readonly options: MockLlmClientOptions = {}) {
    super();
    this.tokenDelayMs = Math.max(0, options.tokenDelayMs ?? 20);
  }

  async generate(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    const plan = this.plan(request, 'generate', signal);
    await this.beforeAnswer(plan, signal);
    if (plan.fault?.kind === 'fail-mid-stream') {
      throw plan.fault.error ?? new LlmUnavailableError('Mock failure mid-answer', 'mock');
    }
    return {
      text: plan.text,
      ...(plan.toolCalls.length > 0 ? { toolCalls: plan.toolCalls } : {}),
      model: plan.model,
      usage: plan.usage,
      stopReason: plan.stopReason,
    };
  }

  async *stream(request: LlmRequest, signal?: AbortSignal): AsyncGenerator<LlmEvent> {
    const plan = this.plan(request, 'stream', signal);
    await this.beforeAnswer(plan, signal);
    yield { type: 'start', model: plan.model };
    const failAfter = plan.fault?.kind === 'fail-mid-stream' ? (plan.fault.afterChunks ?? 2) : -1;
    const failure = (): LlmError =>
      (plan.fault?.kind === 'fail-mid-stream' && plan.fault.error) ||
      new LlmUnavailableError('Mock stream failed mid-way', 'mock');
    let sent = 0;
    for (const chunk of wordChunks(plan.text)) {
      if (sent === failAfter) {
        yield { type: 'error', error: failure() };
        return;
      }
      try {
        await sleep(plan.chunkDelayMs, signal);
        throwIfAborted(signal);
      } catch (error) {
        yield { type: 'error', error: error as LlmError };
        return;
      }
      yield { type: 'text-delta', text: chunk };
      sent += 1;
    }
    if (failAfter >= 0) {
      yield { type: 'error', error: failure() };
      return;
    }
    for (const [index, call] of plan.toolCalls.entries()) {
      yield { type: 'tool-call-start', index, id: call.id, name: call.name };
      const json = JSON.stringify(call.input);
      // Two pieces, as providers stream partial JSON.
      const half = Math.ceil(json.length / 2);
      yield { type: 'tool-input-delta', index, json: json.slice(0, half) };
      yield { type: 'tool-input-delta', index, json: json.slice(half) };
    }
    if (signal?.aborted) {
      yield { type: 'error', error: abortedError(signal) };
      return;
    }
    yield { type: 'finish', usage: plan.usage, stopReason: plan.stopReason };
  }

  override async embed(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult> {
    throwIfAborted(signal);
    const fault = this.options.faults?.({ operation: 'embed', model: request.model, signal });
    if (fault?.kind === 'error') throw fault.error;
    const dimensions = request.dimensions ?? 1024;
    const embeddings = request.texts.map((text) =>
      deterministicVector(text, dimensions, request.normalize ?? false),
    );
    const inputTokens = request.texts.reduce((sum, text) => sum + estimateTokens(text), 0);
    return { model: request.model || 'mock-embed', embeddings, dimensions, usage: { inputTokens } };
  }

  private async beforeAnswer(plan: Plan, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    if (plan.fault?.kind === 'error') throw plan.fault.error;
    if (plan.fault?.kind === 'hang') await sleep(HANG_MS, signal);
    await sleep(plan.firstDelayMs, signal);
  }

  private plan(request: LlmRequest, operation: MockCall['operation'], signal?: AbortSignal): Plan {
    const model = request.model || 'mock-model';
    const users = request.messages.filter((message) => message.role === 'user');
    const last = contentText(users.at(-1)?.content ?? '');
    const fault = this.options.faults?.({ operation, model, signal }) ?? magicFault(last);
    // The end of a long message: the newest question, when unanswered ones were merged before it.
    const shown = last.length > 200 ? `…${last.slice(-200)}` : last;
    const toolCall = mockToolCall(request, last, users.length);
    let text =
      mockToolAnswer(request) ??
      (toolCall
        ? ''
        : `[mock reply] You said: "${shown}". This is the offline mock provider ` +
          `(turn ${users.length}, ${request.messages.length} messages of context).`);
    let stopReason = fault?.kind === 'stop-reason' ? fault.stopReason : END;
    if (toolCall) stopReason = { unified: 'tool_use', raw: 'tool_use' };
    const stops = (request.stopSequences ?? [])
      .map((stop) => (stop ? text.indexOf(stop) : -1))
      .filter((index) => index >= 0);
    if (stops.length > 0) {
      text = text.slice(0, Math.min(...stops));
      stopReason = { unified: 'stop_sequence', raw: 'stop_sequence' };
    }
    if (request.maxTokens !== undefined && estimateTokens(text) > request.maxTokens) {
      text = text.slice(0, Math.max(1, request.maxTokens) * 4);
      stopReason = { unified: 'length', raw: 'max_tokens' };
    }
    const input = [request.system ?? '', ...request.messages.map((m) => contentText(m.content))];
    const inputTokens = estimateTokens(input.join('\n'));
    const outputTokens = estimateTokens(text + (toolCall ? JSON.stringify(toolCall.input) : ''));
    const slow = fault?.kind === 'slow' ? fault : undefined;
    return {
      model,
      text,
      toolCalls: toolCall ? [toolCall] : [],
      usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
      stopReason,
      fault,
      firstDelayMs: slow ? (slow.firstDelayMs ?? SLOW_DELAY_MS) : 0,
      chunkDelayMs: slow ? (slow.chunkDelayMs ?? SLOW_DELAY_MS) : this.tokenDelayMs,
    };
  }
}
