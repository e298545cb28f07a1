import { Conversation, Message } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { MessageRecord } from './message.record';

export const toConversation = (record: ConversationRecord): Conversation =>
  Conversation.restore({ ...record });
export const toMessage = (record: MessageRecord): Message => Message.restore({ ...record });

export function toConversationRecord(conversation: Conversation): ConversationRecord {
  return Object.assign(new ConversationRecord(), conversation.toJSON());
}

export function toMessageRecord(message: Message): MessageRecord {
  return Object.assign(new MessageRecord(), message.toJSON());
}
