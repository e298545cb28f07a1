import { Injectable, Logger } from '@nestjs/common';
import {
  describeLlmError,
  isLlmError,
  LlmClient,
  LlmRequest,
  LlmStopReason,
  LlmUsage,
} from '@app/llm';
import { Message, MessageError, PriceTable } from '../domain';
import { Clock } from './ports/clock';
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
    private readonly prices: PriceTable,
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
      const inputTokens = usage.inputTokens ?? null;
      const outputTokens = usage.outputTokens ?? null;
      assistant.complete(
        {
          content: run.partialText,
          model,
          stopReason: stopReason?.unified ?? 'other',
          inputTokens,
          outputTokens,
          costUsd: this.prices.costOf(model, inputTokens, outputTokens),
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
    try {
      await this.turns.saveAssistant(assistant);
    } catch (error) {
      this.logger.error(
        `could not store turn ${assistant.id}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const message = assistant.toJSON();
    if (message.status === 'complete') {
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
    await this.accounting.finished(run.ownerId, message);
  }
}
