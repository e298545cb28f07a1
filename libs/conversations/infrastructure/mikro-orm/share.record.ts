import { EntitySchema } from '@mikro-orm/core';

/** A stored message of a snapshot (dates as ISO strings inside the json column). */
export interface SharedMessageRecord {
  role: 'user' | 'assistant' | 'system';
  content: string;
  createdAt: string;
}

export class ShareRecord {
  token!: string;
  ownerId!: string;
  conversationId!: string;
  title!: string | null;
  messages!: SharedMessageRecord[];
  createdAt!: Date;
  expiresAt!: Date | null;
}

export const ShareSchema = new EntitySchema<ShareRecord>({
  class: ShareRecord,
  tableName: 'conversation_shares',
  properties: {
    token: { type: 'string', primary: true },
    ownerId: { type: 'string', fieldName: 'owner_id' },
    conversationId: { type: 'string', fieldName: 'conversation_id' },
    title: { type: 'string', nullable: true },
    messages: { type: 'json' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
    expiresAt: { type: 'datetime', nullable: true, fieldName: 'expires_at' },
  },
});
