import {
  EmbedRequest,
  EmbedResult,
  LlmClient,
  LlmEvent,
  LlmRequest,
  LlmResult,
} from '../llm-client';
import { LlmAbortedError, LlmTimeoutError } from '../llm-errors';
import { AbortRace, linkedAbortController, raceAbort } from '../internal/abort';
import { asLlmError } from '../internal/as-llm-error';
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

  async *stream(request: LlmRequest, signal?: AbortSignal): AsyncGenerator<LlmEvent> {
    const { controller, dispose } = linkedAbortController(signal);
    const perAttempt = this.scope === 'attempt';
    let timedOut = false;
    /** In `attempt` scope only the time spent waiting for the inner stream counts. */
    let waiting = true;
    let waitStartedAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    // One timer checked when it fires, rather than cleared and set again for every event. While
    // the consumer holds the stream no timer stays armed (an abandoned stream keeps none).
    const onTimer = (): void => {
      timer = undefined;
      if (perAttempt) {
        if (!waiting) return;
        const silentMs = Date.now() - waitStartedAt;
        if (silentMs < this.options.timeoutMs) {
          timer = setTimeout(onTimer, this.options.timeoutMs - silentMs).unref();
          return;
        }
      }
      timedOut = true;
      controller.abort(this.timeoutError());
    };
    // Unref'd: a stream abandoned by its consumer must not keep the process alive.
    timer = setTimeout(onTimer, this.options.timeoutMs).unref();
    const race = new AbortRace(controller.signal);
    const iterator = this.inner.stream(request, controller.signal)[Symbol.asyncIterator]();
    let started = false;
    let ended = false;
    /** The inner stream ran to its end; otherwise it must be closed, or its own timers stay armed. */
    let innerFinished = false;
    try {
      while (true) {
        let next: IteratorResult<LlmEvent>;
        try {
          if (perAttempt) {
            waiting = true;
            waitStartedAt = Date.now();
            timer ??= setTimeout(onTimer, this.options.timeoutMs).unref();
          }
          next = await race.race(iterator.next());
          waiting = false;
        } catch (error) {
          const failure = timedOut ? this.timeoutError() : asLlmError(error);
          if (!started) throw failure;
          ended = true;
          yield { type: 'error', error: failure };
          return;
        }
        if (next.done) {
          ended = innerFinished = true;
          return;
        }
        let event = next.value;
        if (timedOut && event.type === 'error' && event.error instanceof LlmAbortedError) {
          event = { type: 'error', error: this.timeoutError() };
        }
        started = true;
        ended = innerFinished = event.type === 'finish' || event.type === 'error';
        yield event;
        if (ended) return;
      }
    } finally {
      clearTimeout(timer);
      race.dispose();
      dispose();
      if (!innerFinished) {
        // The consumer left early or we failed: stop the upstream call, do not wait for it.
        if (!ended) controller.abort(new LlmAbortedError('Stream closed by the consumer'));
        iterator.return?.().catch(() => undefined);
      }
    }
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
