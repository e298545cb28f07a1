import type { LlmMessage } from '@app/llm';
import type { MessageProps } from '../domain';

/** What the context needs of a message: domain messages and read models both have it. */
export type ContextMessage = Pick<MessageProps, 'role' | 'status' | 'content'>;

/** Rough token estimate (4 characters a token) used for the history budget. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4) + 4;

/** A summary of the oldest part of a branch: it stands for every message up to `coversUntilMessageId`. */
export interface SummaryRef {
  coversUntilMessageId: string;
  content: string;
}

/** The context of one model call: the summary sent (if any), the messages, and what neither holds. */
export interface ContextPlan<M extends ContextMessage, S extends SummaryRef> {
  /** The summary that covers the start of the branch, sent before the messages; null: none applies. */
  summary: S | null;
  messages: LlmMessage[];
  /** Usable messages after the summary that did not fit the budget, oldest first: lost unless folded. */
  dropped: M[];
}

/** Whether a message can go to the model: questions, and answers with text that did not fail. */
export const isUsable = (m: ContextMessage): boolean => {
  if (m.role === 'system') return false;
  if (m.role === 'user') return true;
  return (m.status === 'complete' || m.status === 'cancelled') && m.content.trim().length > 0;
};

/**
 * The summary that applies to a branch: of those whose last covered message is on the branch,
 * the one covering the most. Summaries of other branches (after an edit) do not apply.
 */
export function summaryForBranch<S extends SummaryRef>(
  branch: readonly { id: string }[],
  summaries: readonly S[],
): { summary: S; position: number } | null {
  const positions = new Map(branch.map((m, i) => [m.id, i]));
  let best: { summary: S; position: number } | null = null;
  for (const summary of summaries) {
    const position = positions.get(summary.coversUntilMessageId);
    if (position !== undefined && (!best || position > best.position)) best = { summary, position };
  }
  return best;
}

/**
 * The history sent to the model: the summary of the branch's oldest part (when one applies), then
 * the messages after it, newest first until the token budget is spent (the newest always goes),
 * failed or unfinished answers skipped, consecutive same-role messages merged so roles alternate
 * starting with a user turn, as Converse requires.
 */
export function planContext<M extends ContextMessage & { id: string }, S extends SummaryRef>(
  branch: readonly M[],
  summaries: readonly S[],
  budgetTokens: number,
): ContextPlan<M, S> {
  const applied = summaryForBranch(branch, summaries);
  const after = applied ? branch.slice(applied.position + 1) : branch;
  const budget = budgetTokens - (applied ? estimateTokens(applied.summary.content) : 0);
  const { picked, dropped } = pickNewest(after.filter(isUsable), budget);
  return { summary: applied?.summary ?? null, messages: merge(picked), dropped };
}

/** The context without summaries: what falls out of the budget is dropped. */
export function buildContext(
  branch: readonly ContextMessage[],
  budgetTokens: number,
): LlmMessage[] {
  return merge(pickNewest(branch.filter(isUsable), budgetTokens).picked);
}

function pickNewest<M extends ContextMessage>(
  usable: readonly M[],
  budgetTokens: number,
): { picked: M[]; dropped: M[] } {
  let first = usable.length;
  let spent = 0;
  while (first > 0) {
    const cost = estimateTokens(usable[first - 1].content);
    if (first < usable.length && spent + cost > budgetTokens) break;
    first -= 1;
    spent += cost;
  }
  // Converse starts with a user turn: leading answers go too.
  while (first < usable.length && usable[first].role !== 'user') first += 1;
  return { picked: usable.slice(first), dropped: usable.slice(0, first) };
}

function merge(picked: readonly ContextMessage[]): LlmMessage[] {
  const merged: LlmMessage[] = [];
  for (const message of picked) {
    const role = message.role as 'user' | 'assistant';
    const last = merged[merged.length - 1];
    if (last && last.role === role) last.content = `${last.content}\n\n${message.content}`;
    else merged.push({ role, content: message.content });
  }
  return merged;
}
