import { invalidInput } from './domain-errors';

export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const MAX_TITLE_LENGTH = 200;
export const AUTO_TITLE_LENGTH = 80;
export const MAX_SYSTEM_PROMPT_LENGTH = 20000;

export function assertConversationId(id: string): void {
  if (!CONVERSATION_ID_PATTERN.test(id)) {
    throw invalidInput(
      'invalid_conversation_id',
      'A conversation id must match ^[A-Za-z0-9._:-]{1,128}$',
      { id },
    );
  }
}

export function normaliseTitle(title: string): string {
  const trimmed = title.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0) throw invalidInput('invalid_title', 'A title cannot be empty');
  if (trimmed.length > MAX_TITLE_LENGTH) {
    throw invalidInput('invalid_title', `A title has at most ${MAX_TITLE_LENGTH} characters`);
  }
  return trimmed;
}

export function normaliseSystemPrompt(prompt: string | null | undefined): string | null {
  if (prompt == null) return null;
  if (prompt.length > MAX_SYSTEM_PROMPT_LENGTH) {
    throw invalidInput(
      'invalid_system_prompt',
      `A system prompt has at most ${MAX_SYSTEM_PROMPT_LENGTH} characters`,
    );
  }
  return prompt.trim().length === 0 ? null : prompt;
}

/** A title from the first user message: whitespace folded, at most 80 characters, cut at a word. */
export function titleFromFirstMessage(content: string): string {
  const folded = content.trim().replace(/\s+/g, ' ');
  if (folded.length <= AUTO_TITLE_LENGTH) return folded || 'New conversation';
  const cut = folded.slice(0, AUTO_TITLE_LENGTH + 1);
  const lastSpace = cut.lastIndexOf(' ');
  const title = (
    lastSpace > 20 ? cut.slice(0, lastSpace) : folded.slice(0, AUTO_TITLE_LENGTH)
  ).replace(/[\s,.;:!?-]+$/, '');
  return title;
}
