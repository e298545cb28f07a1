/**
 * What this tab has received of an answer still being written, kept in sessionStorage so that
 * after a reload the page re-attaches with Last-Event-ID and shows the whole answer at once.
 */
export interface InFlightAnswer {
  conversationId: string;
  messageId: string;
  lastEventId: number;
  text: string;
}

const PREFIX = 'chat:answer:';

export function rememberAnswer(answer: InFlightAnswer): void {
  try {
    sessionStorage.setItem(PREFIX + answer.messageId, JSON.stringify(answer));
  } catch {
    // Storage full or refused: a reload then re-reads the answer from its start.
  }
}

export function recallAnswer(messageId: string): InFlightAnswer | undefined {
  try {
    const raw = sessionStorage.getItem(PREFIX + messageId);
    return raw ? (JSON.parse(raw) as InFlightAnswer) : undefined;
  } catch {
    return undefined;
  }
}

export function forgetAnswer(messageId: string): void {
  sessionStorage.removeItem(PREFIX + messageId);
}
