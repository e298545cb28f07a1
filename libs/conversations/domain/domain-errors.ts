/** Errors of the domain rules; the HTTP layer maps each `kind` to a status. */
export type DomainErrorKind = 'not_found' | 'invalid' | 'conflict' | 'too_large';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const conversationNotFound = (id: string) =>
  new DomainError('not_found', 'conversation_not_found', `Conversation ${id} was not found`);

export const messageNotFound = (id: string) =>
  new DomainError('not_found', 'message_not_found', `Message ${id} was not found`);

export const invalidInput = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid', code, message, details);

export const invalidParent = (parentId: string) =>
  invalidInput('invalid_parent', `parentId ${parentId} is not a message of this conversation`);

/** A branch whose answer is still being produced cannot change under it. */
export const turnInProgress = (message: string) =>
  new DomainError('conflict', 'turn_in_progress', message);
