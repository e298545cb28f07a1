import { Injectable, Logger } from '@nestjs/common';
import { Metrics, TokenBudget } from '@app/platform';
import { TurnAccounting } from '../../application/ports/turn-accounting';
import type { MessageProps } from '../../domain';

/** Turn accounting on the platform: per-user daily token budget and Prometheus metrics. */
@Injectable()
export class PlatformTurnAccounting extends TurnAccounting {
  private readonly logger = new Logger('TurnAccounting');

  constructor(
    private readonly budget: TokenBudget,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  assertCanStart(ownerId: string, estimatedTokens: number): Promise<void> {
    return this.budget.assertWithinBudget(ownerId, estimatedTokens);
  }

  async finished(ownerId: string, answer: MessageProps): Promise<void> {
    const model = answer.model ?? 'unknown';
    const outcome =
      answer.status === 'complete' ? 'ok' : answer.status === 'cancelled' ? 'aborted' : 'error';
    this.metrics.observeLlmCall({
      model,
      outcome,
      durationMs: answer.latencyMs ?? 0,
      timeToFirstTokenMs: answer.timeToFirstTokenMs ?? undefined,
    });
    if (answer.inputTokens) this.metrics.countTokens(model, 'input', answer.inputTokens);
    if (answer.outputTokens) this.metrics.countTokens(model, 'output', answer.outputTokens);
    const spent = (answer.inputTokens ?? 0) + (answer.outputTokens ?? 0);
    try {
      if (spent > 0) await this.budget.record(ownerId, spent);
    } catch (error) {
      this.logger.warn(
        `could not record ${spent} tokens for a user: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
