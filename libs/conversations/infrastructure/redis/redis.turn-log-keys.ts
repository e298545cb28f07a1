/** A turn's event log: one Redis Stream, entry id = event id + 1 (ioredis adds the key prefix). */
export const turnLogKey = (messageId: string) => `turn:${messageId}:events`;
