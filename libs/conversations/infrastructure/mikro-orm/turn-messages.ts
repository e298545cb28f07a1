import { StartTurnInput } from '../../application/ports/turn.repository';
import { Message, NO_OUTCOME } from '../../domain';

/** What the conversation row said under its lock: where the turn goes and with which model. */
export interface TurnPlacement {
  previousSeq: number;
  parentId: string | null;
  model: string;
}

/**
 * The question and its (streaming) answer of a new turn, placed under the conversation's lock.
 * Whole literals: adding keys to a spread object takes V8's slow path (~2 µs a key on Node 20).
 */
export function turnMessages(
  input: StartTurnInput,
  { previousSeq, parentId, model }: TurnPlacement,
): { userMessage: Message; assistantMessage: Message } {
  const { conversationId, ownerId, now, ids } = input;
  const userMessage = Message.create({
    id: ids.userMessageId,
    conversationId,
    ownerId,
    seq: previousSeq + 1,
    parentId,
    role: 'user',
    content: input.content,
    status: 'complete',
    clientMessageId: input.clientMessageId,
    turnId: ids.turnId,
    model: null,
    ...NO_OUTCOME,
    metadata: {},
    createdAt: now,
  });
  const assistantMessage = Message.create({
    id: ids.assistantMessageId,
    conversationId,
    ownerId,
    seq: previousSeq + 2,
    parentId: userMessage.id,
    role: 'assistant',
    content: '',
    // Streaming from the start: the run begins right after the commit, and the lease covers a crash in between.
    status: 'streaming',
    clientMessageId: null,
    turnId: ids.turnId,
    model,
    ...NO_OUTCOME,
    heartbeatAt: now,
    metadata: {},
    createdAt: now,
  });
  return { userMessage, assistantMessage };
}
