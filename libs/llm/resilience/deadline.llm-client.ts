import {
  EmbedRequest,
  EmbedResult,
  LlmClient,
  LlmEvent,
  LlmRequest,
  LlmResult,
} from '../llm-client';
import { LlmTimeoutError } from '../llm-errors';
import { linkedAbortController, raceAbort } from '../internal/abort';
import { DeadlineStream } from './deadline-stream';
import { LlmClientWrapper } from './llm-client.wrapper';

export interface DeadlineOptions {
  timeoutMs: number;
  /**
   * `attempt` (LLM_TIMEOUT_MS): generate and embed get `timeoutMs` in all; a stream gets
   * `timeoutMs` to its first event and then `timeoutMs` of silence between events (the time the
   * consumer takes to pull the next event does not count).
   * `overall` (LLM_DEADLINE_MS): one budget for the whole call, stream included.
   */
  scope?: 'attempt' | 'overall';
}

/**
 * Bounds a call in time. On expiry it aborts the signal it passed to the inner client (so the
 * adapter closes the upstream connection) and answers LlmTimeoutError at once, even if the
 * inner call ignores the abort. A caller's own abort passes through as LlmAbortedError.
 */
export class DeadlineLlmClient extends LlmClientWrapper {
  private readonly scope: 'attempt' | 'overall';

  constructor(
    inner: LlmClient,
    private readonly options: DeadlineOptions,
  ) {
    super(inner);
    this.scope = options.scope ?? 'attempt';
  }

  generate(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    return this.bounded(signal, (inner) => this.inner.generate(request, inner));
  }

  override embed(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult> {
    return this.bounded(signal, (inner) => this.innerEmbed(request, inner));
  }

  stream(request: LlmRequest, signal?: AbortSignal): AsyncIterableIterator<LlmEvent> {
    return new DeadlineStream((inner) => this.inner.stream(request, inner), signal, {
      timeoutMs: this.options.timeoutMs,
      perAttempt: this.scope === 'attempt',
      timeoutError: () => this.timeoutError(),
    });
  }

  private async bounded<T>(
    signal: AbortSignal | undefined,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const { controller, dispose } = linkedAbortController(signal);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(this.timeoutError());
    }, this.options.timeoutMs);
    try {
      return await raceAbort(call(controller.signal), controller.signal);
    } catch (error) {
      throw timedOut ? this.timeoutError() : error;
    } finally {
      clearTimeout(timer);
      dispose();
    }
  }

  private timeoutError(): LlmTimeoutError {
    const what = this.scope === 'attempt' ? 'attempt timeout' : 'overall deadline';
    return new LlmTimeoutError(`LLM call exceeded its ${what} of ${this.options.timeoutMs} ms`);
  }
}
