import { Injectable, Logger } from '@nestjs/common';
import { describeLlmError, isLlmError, LlmClient, LlmMessage } from '@app/llm';
import { activeBranch, conversationNotFound, DomainError, isTerminalStatus } from '../domain';
import { ChatSettings } from './chat-settings';
import {
  ContextMessage,
  estimateTokens,
  isUsable,
  planContext,
  summaryForBranch,
} from './context-builder';
import { Clock } from './ports/clock';
import { ConversationReads, MessageView } from './ports/conversation.reads';
import {
  ConversationSummary,
  ConversationSummaryRepository,
} from './ports/conversation-summary.repository';
import { storableText } from './storable-text';
import { summaryRequest, systemWithSummary } from './summary-prompt';

/**
 * Summaries standing for the oldest turns of a long conversation. A turn's context is the summary
 * that covers the start of its branch, then the newest messages after it within the token budget.
 * After an answer, what no longer fits half the budget is folded into a new summary (extending the
 * one before), leaving room for the next turns; a failed fold leaves the plain truncation.
 */
@Injectable()
export class ConversationSummaries {
  private readonly logger = new Logger('ConversationSummaries');
  /** Folds under way in this process, so one conversation is not summarised twice at once. */
  private readonly folding = new Set<string>();

  constructor(
    private readonly llm: LlmClient,
    private readonly summaries: ConversationSummaryRepository,
    private readonly reads: ConversationReads,
    private readonly settings: ChatSettings,
    private readonly clock: Clock,
  ) {}

  /** The system text and messages of a turn whose branch is `branch` (ending at its question). */
  async context(
    ownerId: string,
    conversationId: string,
    systemPrompt: string | null,
    branch: readonly MessageView[],
  ): Promise<{ system?: string; messages: LlmMessage[] }> {
    const stored = await this.stored(ownerId, conversationId);
    const plan = planContext(branch, stored, this.settings.contextMaxTokens);
    return {
      system: systemWithSummary(systemPrompt, plan.summary?.content ?? null),
      messages: plan.messages,
    };
  }

  /** The summary that applies to a branch, if any; the summaries are read while `branch` loads. */
  async forBranch(
    ownerId: string,
    conversationId: string,
    branch: readonly MessageView[] | Promise<readonly MessageView[]>,
  ): Promise<ConversationSummary | null> {
    const [messages, stored] = await Promise.all([branch, this.stored(ownerId, conversationId)]);
    return summaryForBranch(messages, stored)?.summary ?? null;
  }

  /**
   * After an answer: folds the messages of its branch (ending at the answer) that no longer fit
   * half the budget into a summary.
   * Never throws: a failure is logged and the context keeps truncating until a fold succeeds.
   * Off with CONTEXT_SUMMARIES=false (summaries made on request still apply).
   */
  async foldAfter(
    ownerId: string,
    conversationId: string,
    branch: readonly MessageView[],
    model: string,
  ): Promise<ConversationSummary | null> {
    if (!this.settings.summaries) return null;
    const foldBudget = Math.floor(this.settings.contextMaxTokens / 2);
    // Most conversations fit whole: no read, no model call.
    const total = branch.filter(isUsable).reduce((sum, m) => sum + estimateTokens(m.content), 0);
    if (total <= foldBudget) return null;
    const key = `${ownerId}\u0000${conversationId}`;
    if (this.folding.has(key)) return null;
    this.folding.add(key);
    try {
      const stored = await this.summaries.list(ownerId, conversationId);
      const plan = planContext(branch, stored, foldBudget);
      const last = plan.dropped[plan.dropped.length - 1];
      if (!last) return null;
      return await this.write({
        ownerId,
        conversationId,
        model,
        previous: plan.summary,
        messages: plan.dropped,
        coversUntilMessageId: last.id,
      });
    } catch (error) {
      this.logger.warn(
        `could not summarise conversation ${conversationId}; its context is truncated instead: ${describe(error)}`,
      );
      return null;
    } finally {
      this.folding.delete(key);
    }
  }

  /**
   * On request: a summary of the whole active branch up to its last finished message, extending
   * the one before. `created` is false when the existing summary already covers it all.
   */
  async summarizeNow(
    ownerId: string,
    conversationId: string,
  ): Promise<{ summary: ConversationSummary; created: boolean }> {
    const conversation = await this.reads.findConversation(ownerId, conversationId);
    if (!conversation) throw conversationNotFound(conversationId);
    const { messages, leafId } = await this.reads.listMessages(ownerId, conversationId);
    const branch = activeBranch(messages, leafId);
    // An answer still being written is not summarised, nor its question (it is the newest turn).
    while (branch.length > 0 && !isTerminalStatus(branch[branch.length - 1].status)) branch.pop();
    if (branch.length > 0 && branch[branch.length - 1].role === 'user') branch.pop();
    const applied = summaryForBranch(branch, await this.summaries.list(ownerId, conversationId));
    const after = applied ? branch.slice(applied.position + 1) : branch;
    const usable = after.filter(isUsable);
    if (usable.length === 0) {
      if (applied) return { summary: applied.summary, created: false };
      throw new DomainError(
        'conflict',
        'nothing_to_summarize',
        'The conversation has no finished turn to summarize yet',
      );
    }
    const summary = await this.write({
      ownerId,
      conversationId,
      model: conversation.model ?? this.settings.defaultModel,
      previous: applied?.summary ?? null,
      messages: usable,
      coversUntilMessageId: after[after.length - 1].id,
    });
    return { summary, created: true };
  }

  private async write(fold: {
    ownerId: string;
    conversationId: string;
    model: string;
    previous: ConversationSummary | null;
    messages: readonly ContextMessage[];
    coversUntilMessageId: string;
  }): Promise<ConversationSummary> {
    const result = await this.llm.generate(
      summaryRequest({
        model: fold.model,
        previous: fold.previous?.content ?? null,
        messages: fold.messages,
        // A summary takes at most a quarter of the budget, so the turns after it keep room.
        maxTokens: Math.min(
          this.settings.maxTokens,
          Math.max(16, Math.floor(this.settings.contextMaxTokens / 4)),
        ),
        temperature: this.settings.temperature,
      }),
    );
    const content = storableText(result.text).trim();
    if (!content) throw new Error('the model answered an empty summary');
    const summary: ConversationSummary = {
      ownerId: fold.ownerId,
      conversationId: fold.conversationId,
      content,
      coversUntilMessageId: fold.coversUntilMessageId,
      model: result.model,
      createdAt: this.clock.now(),
    };
    await this.summaries.save(summary);
    return summary;
  }

  /** The stored summaries; none when they cannot be read (plain truncation then). */
  private async stored(ownerId: string, conversationId: string): Promise<ConversationSummary[]> {
    try {
      return await this.summaries.list(ownerId, conversationId);
    } catch (error) {
      this.logger.warn(`could not read the summaries of ${conversationId}: ${describe(error)}`);
      return [];
    }
  }
}

function describe(error: unknown): string {
  if (isLlmError(error)) {
    const { code, message } = describeLlmError(error);
    return `${code}: ${message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
