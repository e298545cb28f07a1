import { LlmEvent } from '../llm-client';
import { LlmAbortedError, LlmTimeoutError } from '../llm-errors';
import { AbortRace, linkedAbortController } from '../internal/abort';
import { asLlmError } from '../internal/as-llm-error';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export interface DeadlineStreamOptions {
  timeoutMs: number;
  /** `attempt`: the timeout is the longest wait for the inner stream's next event. */
  perAttempt: boolean;
  timeoutError: () => LlmTimeoutError;
}

/**
 * A stream bounded in time, as a plain iterator: an async generator here cost a promise hop
 * per event on top of the inner stream's own (profiles of 1,000 streams). Opened on the first
 * `next()`. Before the first event a failure rejects (so a retry may follow); after it, it
 * arrives as one `error` event. Closing early aborts the inner call and closes its stream.
 */
export class DeadlineStream implements AsyncIterableIterator<LlmEvent> {
  private state: 'new' | 'open' | 'closed' = 'new';
  private controller!: AbortController;
  private unlink!: () => void;
  private race!: AbortRace;
  private iterator!: AsyncIterator<LlmEvent>;
  private timer?: NodeJS.Timeout;
  private timedOut = false;
  /** In `attempt` scope only the time spent waiting for the inner stream counts. */
  private waiting = false;
  private waitStartedAt = 0;
  private started = false;
  /** The inner stream ran to its end; otherwise it must be closed, or its own timers stay armed. */
  private innerFinished = false;
  /** The last event (or the failure) went out: nothing to abort any more. */
  private ended = false;

  constructor(
    private readonly open: (signal: AbortSignal) => AsyncIterable<LlmEvent>,
    private readonly signal: AbortSignal | undefined,
    private readonly options: DeadlineStreamOptions,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<LlmEvent> {
    return this;
  }

  next(): Promise<IteratorResult<LlmEvent>> {
    if (this.state === 'closed') return Promise.resolve(DONE);
    if (this.state === 'new') this.start();
    if (this.options.perAttempt) {
      this.waiting = true;
      this.waitStartedAt = Date.now();
      this.timer ??= this.arm(this.options.timeoutMs);
    }
    return this.race.race(this.iterator.next()).then(
      (next) => this.received(next),
      (error: unknown) => this.failed(error),
    );
  }

  return(): Promise<IteratorResult<LlmEvent>> {
    this.close();
    return Promise.resolve(DONE);
  }

  private start(): void {
    const { controller, dispose } = linkedAbortController(this.signal);
    this.controller = controller;
    this.unlink = dispose;
    this.race = new AbortRace(controller.signal);
    this.timer = this.arm(this.options.timeoutMs);
    this.iterator = this.open(controller.signal)[Symbol.asyncIterator]();
    this.state = 'open';
  }

  private received(next: IteratorResult<LlmEvent>): IteratorResult<LlmEvent> {
    this.waiting = false;
    if (next.done) {
      this.ended = this.innerFinished = true;
      this.close();
      return DONE;
    }
    let event = next.value;
    // Once our timer fired, whatever failure the inner stream reports is that timeout's doing.
    if (this.timedOut && event.type === 'error') {
      event = { type: 'error', error: this.options.timeoutError() };
    }
    this.started = true;
    if (event.type === 'finish' || event.type === 'error') {
      this.ended = this.innerFinished = true;
      this.close();
    }
    return { done: false, value: event };
  }

  private failed(error: unknown): IteratorResult<LlmEvent> {
    this.waiting = false;
    const failure = this.timedOut ? this.options.timeoutError() : asLlmError(error);
    if (!this.started) {
      this.close();
      throw failure;
    }
    this.ended = true;
    this.close();
    return { done: false, value: { type: 'error', error: failure } };
  }

  /**
   * One timer for the stream, checked when it fires rather than cleared and set per event. While
   * the consumer holds the stream none stays armed; unref'd, an abandoned stream keeps no process up.
   */
  private arm(ms: number): NodeJS.Timeout {
    return setTimeout(() => {
      this.timer = undefined;
      if (this.options.perAttempt) {
        if (!this.waiting) return;
        const silentMs = Date.now() - this.waitStartedAt;
        if (silentMs < this.options.timeoutMs) {
          this.timer = this.arm(this.options.timeoutMs - silentMs);
          return;
        }
      }
      this.timedOut = true;
      this.controller.abort(this.options.timeoutError());
    }, ms).unref();
  }

  private close(): void {
    if (this.state !== 'open') {
      this.state = 'closed';
      return;
    }
    this.state = 'closed';
    clearTimeout(this.timer);
    this.timer = undefined;
    this.race.dispose();
    this.unlink();
    if (!this.innerFinished) {
      // The consumer left early or we failed: stop the upstream call, do not wait for it.
      if (!this.ended) this.controller.abort(new LlmAbortedError('Stream closed by the consumer'));
      this.iterator.return?.().catch(() => undefined);
    }
  }
}
