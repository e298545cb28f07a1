import type { LlmMessage } from '@app/llm';
import type { MessageProps } from '../domain';

/** What the context needs of a message: domain messages and read models both have it. */
export type ContextMessage = Pick<MessageProps, 'role' | 'status' | 'content'>;

/** Rough token estimate (4 characters a token) used for the history budget. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4) + 4;

/**
 * The history sent to the model: the branch ending at the new user message, newest first until the
 * token budget is spent (the new message always goes), failed or unfinished answers skipped, and
 * consecutive same-role messages merged so roles alternate starting with a user turn, as Converse requires.
 */
export function buildContext(
  branch: readonly ContextMessage[],
  budgetTokens: number,
): LlmMessage[] {
  const usable = branch.filter((m) => {
    const { role, status, content } = m;
    if (role === 'system') return false;
    if (role === 'user') return true;
    return (status === 'complete' || status === 'cancelled') && content.trim().length > 0;
  });
  const picked: ContextMessage[] = [];
  let spent = 0;
  for (let i = usable.length - 1; i >= 0; i--) {
    const cost = estimateTokens(usable[i].content);
    if (picked.length > 0 && spent + cost > budgetTokens) break;
    picked.unshift(usable[i]);
    spent += cost;
  }
  const merged: LlmMessage[] = [];
  for (const message of picked) {
    const role = message.role as 'user' | 'assistant';
    const last = merged[merged.length - 1];
    if (last && last.role === role) last.content = `${last.content}\n\n${message.content}`;
    else merged.push({ role, content: message.content });
  }
  while (merged.length > 0 && merged[0].role !== 'user') merged.shift();
  return merged;
}
