import {
  ConversationCursor,
  RenderedMessage,
} from '../../application/ports/conversation.repository';
import { Conversation, invalidInput, Message } from '../../domain';
import { ConversationDto, MessageDto } from './dto/conversation.dto';
import { isStorableString } from './dto/storable-text.validator';

export function presentConversation(conversation: Conversation): ConversationDto {
  const c = conversation.toJSON();
  return {
    id: c.id,
    title: c.title,
    model: c.model,
    systemPrompt: c.systemPrompt,
    messageCount: c.messageCount,
    metadata: c.metadata,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function presentMessage(message: Message): MessageDto {
  const m = message.toJSON();
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    parentId: m.parentId,
    role: m.role,
    content: m.content,
    status: m.status,
    clientMessageId: m.clientMessageId,
    turnId: m.turnId,
    model: m.model,
    stopReason: m.stopReason,
    usage: { inputTokens: m.inputTokens, outputTokens: m.outputTokens },
    latencyMs: m.latencyMs,
    timeToFirstTokenMs: m.timeToFirstTokenMs,
    error: m.error,
    metadata: m.metadata,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/**
 * `head` + a JSON array of messages the store rendered (as presentMessage would) + `tail`, as
 * bytes: written piece by piece, so no long string is built only to be encoded and dropped.
 */
function renderJson(head: string, messages: RenderedMessage[], tail: string): Buffer {
  // Brackets and the commas between messages.
  let size =
    Buffer.byteLength(head) + Buffer.byteLength(tail) + 2 + Math.max(0, messages.length - 1);
  for (const message of messages) size += Buffer.byteLength(message.json);
  const out = Buffer.allocUnsafe(size);
  let at = out.write(head);
  out[at++] = 0x5b; // [
  for (let i = 0; i < messages.length; i += 1) {
    if (i > 0) out[at++] = 0x2c; // ,
    at += out.write(messages[i].json, at);
  }
  out[at++] = 0x5d; // ]
  out.write(tail, at);
  return out;
}

/** A JSON array of the rendered messages. */
export function renderMessageList(messages: RenderedMessage[]): Buffer {
  return renderJson('', messages, '');
}

/** ConversationWithMessagesDto as JSON: the conversation's fields, then its messages. */
export function renderConversationWithMessages(
  conversation: Conversation,
  messages: RenderedMessage[],
): Buffer {
  const fields = JSON.stringify(presentConversation(conversation));
  return renderJson(`${fields.slice(0, -1)},"messages":`, messages, '}');
}

export function encodeCursor(cursor: ConversationCursor | null): string | null {
  if (!cursor) return null;
  return Buffer.from(JSON.stringify([cursor.updatedAt.toISOString(), cursor.id])).toString(
    'base64url',
  );
}

export function decodeCursor(raw: string): ConversationCursor {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const date = new Date(updatedAt);
    if (typeof id !== 'string' || !isStorableString(id) || Number.isNaN(date.getTime())) {
      throw new Error('bad cursor');
    }
    return { updatedAt: date, id };
  } catch {
    throw invalidInput('invalid_cursor', 'cursor is not a value returned as nextCursor');
  }
}
