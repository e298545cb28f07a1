import type { LlmRequest } from '@app/llm';
import type { ContextMessage } from './context-builder';

const INSTRUCTIONS =
  'You summarize conversations between a user and an assistant. Write a concise summary that keeps ' +
  'the facts, names, numbers, decisions, preferences and open questions needed to continue the ' +
  'conversation. Write it in the language of the conversation. Answer with the summary only.';

const SUMMARY_HEADING =
  'Summary of the earlier part of this conversation (those messages are not repeated below):';

/** The model call that folds `messages` (and the summary before them, if any) into one summary. */
export function summaryRequest(options: {
  model: string;
  previous: string | null;
  messages: readonly ContextMessage[];
  maxTokens: number;
  temperature: number;
}): LlmRequest {
  const transcript = options.messages
    .map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`)
    .join('\n\n');
  const parts = [
    options.previous ? `Summary so far:\n${options.previous}` : null,
    `${options.previous ? 'The conversation went on' : 'The conversation'}:\n${transcript}`,
    options.previous
      ? 'Write one summary covering the summary so far and these messages.'
      : 'Summarize it.',
  ];
  return {
    model: options.model,
    system: INSTRUCTIONS,
    messages: [{ role: 'user', content: parts.filter((p) => p !== null).join('\n\n') }],
    maxTokens: options.maxTokens,
    temperature: options.temperature,
  };
}

/** The system text of a turn: the conversation's prompt, then the summary standing for older messages. */
export function systemWithSummary(
  systemPrompt: string | null,
  summary: string | null,
): string | undefined {
  const block = summary ? `${SUMMARY_HEADING}\n${summary}` : null;
  const text = [systemPrompt, block].filter((p): p is string => Boolean(p)).join('\n\n');
  return text.length > 0 ? text : undefined;
}
