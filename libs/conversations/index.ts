export * from './domain';
export * from './conversations.module';
export * from './conversations.config';
export { ConversationSchema } from './infrastructure/mikro-orm/conversation.record';
export { MessageSchema } from './infrastructure/mikro-orm/message.record';
export { conversationMigrations } from './infrastructure/mikro-orm/migrations';
export { mapDomainError } from './interface/http/domain-error.mapper';
export { mapLlmError } from './interface/http/llm-error.mapper';
export { TurnRegistry } from './application/turn-registry';
