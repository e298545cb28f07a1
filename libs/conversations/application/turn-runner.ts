import { Injectable, Logger } from '@nestjs/common';
import {
  describeLlmError,
  isLlmError,
  LlmClient,
  LlmRequest,
  LlmStopReason,
  LlmUsage,
} from '@app/llm';
import { Message, MessageError } from '../domain';
import { Clock } from './ports/clock';
import { ServiceUnavailableError } from './service-unavailable.error';
import { TurnAccounting } from './ports/turn-accounting';
import { TurnCoordination } from './ports/turn-coordination';
import { TurnRepository } from './ports/turn.repository';
import { AbortReason } from './turn-events';
import { TurnRegistry } from './turn-registry';
import { TurnRun } from './turn-run';

const ABORT_MESSAGES: Record<AbortReason, string> = {
  client_disconnected: 'The client went away and STREAM_ON_DISCONNECT=abort',
  stopped: 'Stopped on request',
  shutdown: 'The server shut down before the answer finished',
};

/**
 * Runs a turn against the model: emits its events, keeps the partial text, and stores the
 * assistant message as complete, failed or cancelled, whatever happens to the client.
 */
@Injectable()
export class TurnRunner {
  private readonly logger = new Logger('TurnRunner');

  constructor(
    private readonly llm: LlmClient,
    private readonly turns: TurnRepository,
    private readonly registry: TurnRegistry,
    private readonly clock: Clock,
    private readonly coordination: TurnCoordination,
    private readonly accounting: TurnAccounting,
  ) {}

  start(run: TurnRun, assistant: Message, request: LlmRequest): void {
    this.registry.add(run);
    if (this.coordination.shared) this.coordination.publish(run);
    void this.execute(run, assistant, request);
  }

  private async execute(run: TurnRun, assistant: Message, request: LlmRequest): Promise<void> {
    const startedAt = Date.now();
    let firstTokenAt: number | undefined;
    let usage: LlmUsage = {};
    let stopReason: LlmStopReason | undefined;
    let model = request.model;
    try {
      for await (const event of this.llm.stream(request, run.signal)) {
        if (event.type === 'start') model = event.model;
        else if (event.type === 'text-delta') {
          firstTokenAt ??= Date.now();
          run.emit('delta', { text: event.text });
        } else if (event.type === 'finish') {
          usage = event.usage;
          stopReason = event.stopReason;
        } else throw event.error;
      }
      if (run.signal.aborted) throw run.signal.reason;
      const timings = {
        latencyMs: Date.now() - startedAt,
        timeToFirstTokenMs: firstTokenAt ? firstTokenAt - startedAt : null,
      };
      assistant.complete(
        {
          content: run.partialText,
          model,
          stopReason: stopReason?.unified ?? 'other',
          inputTokens: usage.inputTokens ?? null,
          outputTokens: usage.outputTokens ?? null,
          ...timings,
          metadata: { ...assistant.toJSON().metadata, rawStopReason: stopReason?.raw ?? null },
        },
        this.clock.now(),
      );
    } catch (error) {
      const aborted = run.signal.aborted;
      const reason = run.reason ?? 'stopped';
      const failure: MessageError = aborted
        ? {
            code: reason === 'stopped' ? 'cancelled' : reason,
            message: ABORT_MESSAGES[reason],
            retryable: false,
          }
        : describeLlmError(error);
      if (!aborted) {
        run.failure = error;
        if (!isLlmError(error))
          this.logger.error(
            error instanceof Error ? (error.stack ?? error.message) : String(error),
          );
      }
      const ending = {
        content: run.partialText,
        model,
        error: failure,
        latencyMs: Date.now() - startedAt,
        timeToFirstTokenMs: firstTokenAt ? firstTokenAt - startedAt : null,
      };
      if (aborted) assistant.cancel(ending, this.clock.now());
      else assistant.fail(ending, this.clock.now());
    }
    await this.finish(run, assistant);
  }

  private async finish(run: TurnRun, assistant: Message): Promise<void> {
    const message = assistant.toJSON();
    const storeFailure = await this.store(assistant);
    if (storeFailure) {
      // Not stored, so not confirmed: the client gets an error it may retry, not `message.end`.
      run.storageFailure = storeFailure;
      run.emit('error', {
        code:
          storeFailure instanceof ServiceUnavailableError ? storeFailure.code : 'internal_error',
        message:
          'The answer could not be stored; its text so far is kept where it was checkpointed',
        retryable: true,
        messageId: message.id,
      });
    } else if (message.status === 'complete') {
      run.emit('message.end', {
        message,
        usage: { inputTokens: message.inputTokens, outputTokens: message.outputTokens },
        stopReason: message.stopReason,
      });
    } else {
      const error = message.error ?? { code: 'internal_error', message: 'The turn failed' };
      run.emit('error', {
        code: error.code,
        message: error.message,
        retryable: error.retryable ?? false,
        messageId: message.id,
      });
    }
    run.complete(assistant);
    if (!storeFailure) await this.accounting.finished(run.ownerId, message);
  }

  /**
   * Writes the finished answer, retrying with backoff while the database is unavailable and the
   * process lives (the stream holds its terminal event meanwhile; heartbeats go on). Returns the
   * error that made it give up (a non-retryable one, or an outage lasting past shutdown).
   */
  private async store(assistant: Message): Promise<unknown> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.turns.saveAssistant(assistant);
        if (attempt > 0) this.logger.log(`stored turn ${assistant.id} after ${attempt} retries`);
        return undefined;
      } catch (error) {
        const retryable = error instanceof ServiceUnavailableError;
        const reason = error instanceof Error ? error.message : String(error);
        if (!retryable || this.registry.stopping.aborted) {
          this.logger.error(`could not store turn ${assistant.id}: ${reason}`);
          return error;
        }
        if (attempt === 0)
          this.logger.warn(`storing turn ${assistant.id} failed (${reason}); retrying`);
        await pause(retryDelayMs(attempt), this.registry.stopping);
      }
    }
  }
}

/** 100 ms doubling to 5 s, with jitter so replicas do not retry in step. */
function retryDelayMs(attempt: number): number {
  const base = Math.min(5000, 100 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
