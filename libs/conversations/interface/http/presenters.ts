import {
  ConversationCursor,
  ConversationView,
  MessageView,
} from '../../application/ports/conversation.reads';
import { Conversation, invalidInput, Message } from '../../domain';
import { ConversationDto, MessageDto } from './dto/conversation-view.dto';
import { ConversationSummaryDto } from './dto/summary.dto';
import type { ConversationSummary } from '../../application/ports/conversation-summary.repository';
import { isStorableString } from './dto/storable-text.validator';

export function presentConversation(
  conversation: Conversation | ConversationView,
): ConversationDto {
  const c = conversation instanceof Conversation ? conversation.toJSON() : conversation;
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

export function presentMessage(message: Message | MessageView): MessageDto {
  const m = message instanceof Message ? message.toJSON() : message;
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
    usage: { inputTokens: m.inputTokens, outputTokens: m.outputTokens, costUsd: m.costUsd },
    latencyMs: m.latencyMs,
    timeToFirstTokenMs: m.timeToFirstTokenMs,
    error: m.error,
    metadata: m.metadata,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
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

export function presentSummary(summary: ConversationSummary): ConversationSummaryDto {
  return {
    text: summary.content,
    coversUntilMessageId: summary.coversUntilMessageId,
    createdAt: summary.createdAt.toISOString(),
  };
}
