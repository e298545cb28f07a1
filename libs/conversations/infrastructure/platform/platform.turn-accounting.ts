import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import {
  checkCostBudget,
  Metrics,
  TokenBudget,
  UserDirectory,
  UserLimitOverrides,
  utcMonthStart,
} from '@app/platform';
import { ChatSettings } from '../../application/chat-settings';
import { ConversationReads } from '../../application/ports/conversation.reads';
import { TurnAccounting } from '../../application/ports/turn-accounting';
import type { MessageProps } from '../../domain';

/** How long a user's limit overrides are trusted before they are read again. */
const OVERRIDES_TTL_MS = 30_000;

/**
 * Turn accounting on the platform: per-user daily token budget, monthly cost budget (what the
 * user's answers cost this UTC month, from the stored costs) and Prometheus metrics.
 */
@Injectable()
export class PlatformTurnAccounting extends TurnAccounting {
  private readonly logger = new Logger('TurnAccounting');
  private readonly overrides = new LRUCache<string, UserLimitOverrides>({
    max: 50_000,
    ttl: OVERRIDES_TTL_MS,
  });

  constructor(
    private readonly budget: TokenBudget,
    private readonly metrics: Metrics,
    private readonly users: UserDirectory,
    private readonly reads: ConversationReads,
    private readonly settings: ChatSettings,
  ) {
    super();
  }

  async assertCanStart(ownerId: string, estimatedTokens: number): Promise<void> {
    const own = await this.overridesOf(ownerId);
    await this.budget.assertWithinBudget(ownerId, estimatedTokens, own.dailyTokenLimit);
    const costLimit = own.monthlyCostLimitUsd ?? this.settings.monthlyCostLimitUsd;
    if (costLimit === null) return;
    const now = new Date();
    const spent = await this.reads.usageSince(ownerId, utcMonthStart(now));
    checkCostBudget(spent.costUsd, costLimit, now);
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

  private async overridesOf(ownerId: string): Promise<UserLimitOverrides> {
    const cached = this.overrides.get(ownerId);
    if (cached) return cached;
    const read = await this.users.overridesOf(ownerId);
    this.overrides.set(ownerId, read);
    return read;
  }
}
