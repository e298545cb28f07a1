import { Injectable } from '@nestjs/common';
import { ConversationReads, UsageRow } from './ports/conversation.reads';

export interface UsageReport {
  from: string;
  to: string;
  totals: { answers: number; inputTokens: number; outputTokens: number };
  byDay: UsageRow[];
}

/** What a user spent: answers and tokens per day and model. */
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
      }),
      { answers: 0, inputTokens: 0, outputTokens: 0 },
    );
    return { from: from.toISOString(), to: to.toISOString(), totals, byDay };
  }
}
