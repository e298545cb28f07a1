import { Injectable } from '@nestjs/common';
import { roundUsd } from '../domain';
import { ConversationReads, UsageRow, UsageTotals } from './ports/conversation.reads';

export interface UsageReport {
  from: string;
  to: string;
  totals: UsageTotals;
  byDay: UsageRow[];
}

/** What a user spent: answers, tokens and USD per day and model. */
@Injectable()
export class UsageQueries {
  constructor(private readonly reads: ConversationReads) {}

  async report(ownerId: string, from: Date, to: Date): Promise<UsageReport> {
    const byDay = await this.reads.usage(ownerId, from, to);
    const totals = byDay.reduce(
      (sum, row) => ({
        answers: sum.answers + row.answers,
        inputTokens: sum.inputTokens + row.inputTokens,
        outputTokens: sum.outputTokens + row.outputTokens,
        costUsd: roundUsd(sum.costUsd + row.costUsd),
      }),
      { answers: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    );
    return { from: from.toISOString(), to: to.toISOString(), totals, byDay };
  }

  /** Answers, tokens and USD since `from` (the start of a budget period). */
  since(ownerId: string, from: Date): Promise<UsageTotals> {
    return this.reads.usageSince(ownerId, from);
  }
}
