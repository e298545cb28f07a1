import { Injectable } from '@nestjs/common';
import {
  LlmAbortedError,
  LlmClient,
  LlmEvent,
  LlmRequest,
  LlmStopReason,
  LlmToolCall,
  LlmUnavailableError,
  LlmUsage,
} from '@app/llm';
import { LlmOutcome, Metrics, TokenBudget } from '@app/platform';
import { AnthropicPayload, payloadProblems } from './anthropic-payload';
import { anthropicStopReason, estimateInputTokens, toLlmRequest } from './anthropic-translation';
import { InvalidRequestError, resolveModel } from './proxy-errors';
import { ProxySettings } from './proxy-settings';

export interface ProxyChatResult {
  text: string;
  /** The answer's tool calls (requests with tools only). */
  toolCalls: LlmToolCall[];
  model: string;
  usage: LlmUsage;
  /** In Anthropic's words (end_turn, max_tokens, stop_sequence, ...). */
  stopReason: string | null;
  /** The port's stop reason. */
  stop: LlmStopReason;
}

export type ProxyStreamEvent =
  | { type: 'text'; text: string }
  /** A tool call begins (`index` numbers the answer's calls); its input follows as JSON text. */
  | { type: 'tool-call'; index: number; id: string; name: string }
  | { type: 'tool-input'; index: number; json: string }
  | { type: 'end'; usage: LlmUsage; stopReason: string | null; stop: LlmStopReason }
  | { type: 'error'; error: Error };

export interface ProxyChatStream {
  /** The model that answers (a fallback model when the requested one was throttled). */
  model: string;
  /** The first text (or the end) first, then the rest; ends with one `end` or `error`. */
  events: AsyncGenerator<ProxyStreamEvent>;
}

const outcomeOf = (error: unknown): LlmOutcome =>
  error instanceof LlmAbortedError ? 'aborted' : 'error';

/**
 * The stateless chat of the proxy: an Anthropic Messages payload in, one model call (through
 * the port, so retries, timeouts, fallbacks and the guardrail apply), nothing stored.
 */
@Injectable()
export class ProxyChatUseCase {
  constructor(
    private readonly llm: LlmClient,
    private readonly settings: ProxySettings,
    private readonly metrics: Metrics,
    private readonly budget: TokenBudget,
  ) {}

  /** Validates the payload and the model (400s) and builds the port's request. */
  prepare(model: string | undefined, payload: unknown): LlmRequest {
    const problems = payloadProblems(payload, this.settings.maxTokensLimit);
    if (problems.length > 0) {
      throw new InvalidRequestError('The payload is not a valid Anthropic Messages body', problems);
    }
    const chosen = resolveModel(model, this.settings.defaultChatModel, this.settings.chatModels);
    return toLlmRequest(payload as AnthropicPayload, chosen);
  }

  async complete(
    userId: string,
    request: LlmRequest,
    signal?: AbortSignal,
  ): Promise<ProxyChatResult> {
    await this.budget.assertWithinBudget(userId, estimateInputTokens(request));
    const started = Date.now();
    try {
      const result = await this.llm.generate(request, signal);
      this.metrics.observeLlmCall({
        model: result.model,
        outcome: 'ok',
        durationMs: Date.now() - started,
      });
      this.account(userId, result.model, result.usage);
      return {
        text: result.text,
        toolCalls: result.toolCalls ?? [],
        model: result.model,
        usage: result.usage,
        stopReason: anthropicStopReason(result.stopReason),
        stop: result.stopReason,
      };
    } catch (error) {
      const durationMs = Date.now() - started;
      this.metrics.observeLlmCall({ model: request.model, outcome: outcomeOf(error), durationMs });
      throw error;
    }
  }

  /** Refuses a call the caller's token budget cannot pay for (before anything is sent). */
  admit(userId: string, request: LlmRequest): Promise<void> {
    return this.budget.assertWithinBudget(userId, estimateInputTokens(request));
  }

  /** `admit`, then `start`. */
  async open(userId: string, request: LlmRequest, signal?: AbortSignal): Promise<ProxyChatStream> {
    await this.admit(userId, request);
    return this.start(userId, request, signal);
  }

  /**
   * Starts an admitted streamed answer and resolves once its first text (or its end) is there;
   * rejects with a failure before it.
   */
  async start(userId: string, request: LlmRequest, signal?: AbortSignal): Promise<ProxyChatStream> {
    const started = Date.now();
    const iterator = this.llm.stream(request, signal)[Symbol.asyncIterator]();
    let model = request.model;
    try {
      while (true) {
        const next = await iterator.next();
        if (next.done) throw new LlmUnavailableError('The model stream ended without an answer');
        if (next.value.type === 'start') {
          model = next.value.model || model;
          continue;
        }
        if (next.value.type === 'error') throw next.value.error;
        const first = this.toEvent(next.value);
        const firstTokenMs = Date.now() - started;
        const run = { userId, model, started, firstTokenMs };
        return { model, events: this.follow(first, iterator, run) };
      }
    } catch (error) {
      iterator.return?.().catch(() => undefined);
      const durationMs = Date.now() - started;
      this.metrics.observeLlmCall({ model, outcome: outcomeOf(error), durationMs });
      throw error;
    }
  }

  private async *follow(
    first: ProxyStreamEvent | undefined,
    iterator: AsyncIterator<LlmEvent>,
    run: { userId: string; model: string; started: number; firstTokenMs: number },
  ): AsyncGenerator<ProxyStreamEvent> {
    let outcome: LlmOutcome = 'aborted';
    let finished = false;
    try {
      let event: ProxyStreamEvent | undefined = first;
      while (true) {
        if (event) {
          if (event.type === 'end') this.account(run.userId, run.model, event.usage);
          if (event.type === 'end' || event.type === 'error') {
            outcome = event.type === 'end' ? 'ok' : outcomeOf(event.error);
            finished = true;
          }
          yield event;
          if (finished) return;
        }
        const next = await iterator.next();
        event = next.done
          ? { type: 'error', error: new LlmUnavailableError('The model stream ended early') }
          : this.toEvent(next.value);
      }
    } finally {
      // Always close the upstream iterator: after its last event it still holds its timers,
      // and a consumer that left early (client gone) must stop the call. Never wait for it.
      iterator.return?.().catch(() => undefined);
      this.metrics.observeLlmCall({
        model: run.model,
        outcome,
        durationMs: Date.now() - run.started,
        timeToFirstTokenMs: run.firstTokenMs,
      });
    }
  }

  private toEvent(event: LlmEvent): ProxyStreamEvent | undefined {
    switch (event.type) {
      case 'text-delta':
        return { type: 'text', text: event.text };
      case 'tool-call-start':
        return { type: 'tool-call', index: event.index, id: event.id, name: event.name };
      case 'tool-input-delta':
        return { type: 'tool-input', index: event.index, json: event.json };
      case 'finish':
        return {
          type: 'end',
          usage: event.usage,
          stopReason: anthropicStopReason(event.stopReason),
          stop: event.stopReason,
        };
      case 'error':
        return { type: 'error', error: event.error };
      default:
        return undefined;
    }
  }

  private account(userId: string, model: string, usage: LlmUsage): void {
    this.metrics.countTokens(model, 'input', usage.inputTokens);
    this.metrics.countTokens(model, 'output', usage.outputTokens);
    const used = (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
    if (used > 0) this.budget.record(userId, used).catch(() => undefined);
  }
}
