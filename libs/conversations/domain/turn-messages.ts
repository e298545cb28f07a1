import { Message, MessageProps, NO_OUTCOME } from './message';

export interface TurnIds {
  userMessageId: string;
  assistantMessageId: string;
  turnId: string;
}

interface Placement {
  conversationId: string;
  ownerId: string;
  seq: number;
  parentId: string | null;
  turnId: string;
  now: Date;
}

/** A user's question: complete as soon as it is stored. */
export function newQuestion(
  at: Placement,
  id: string,
  content: string,
  clientMessageId: string | null,
): Message {
  return Message.create({
    id,
    conversationId: at.conversationId,
    ownerId: at.ownerId,
    seq: at.seq,
    parentId: at.parentId,
    role: 'user',
    content,
    status: 'complete',
    clientMessageId,
    turnId: at.turnId,
    model: null,
    ...NO_OUTCOME,
    metadata: {},
    createdAt: at.now,
  });
}

/**
 * An answer still to be produced. It is stored as `streaming` with a heartbeat: the model call
 * starts right after the commit, and the lease settles it should the process die in between.
 */
export function newAnswer(
  at: Placement,
  id: string,
  model: string,
  metadata: MessageProps['metadata'] = {},
): Message {
  return Message.create({
    id,
    conversationId: at.conversationId,
    ownerId: at.ownerId,
    seq: at.seq,
    parentId: at.parentId,
    role: 'assistant',
    content: '',
    status: 'streaming',
    clientMessageId: null,
    turnId: at.turnId,
    model,
    ...NO_OUTCOME,
    heartbeatAt: at.now,
    metadata,
    createdAt: at.now,
  });
}
