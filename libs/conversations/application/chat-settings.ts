/** Chat behaviour taken from configuration (see apps/api/config/env.schema.ts). */
export abstract class ChatSettings {
  abstract readonly maxMessageChars: number;
  abstract readonly contextMaxTokens: number;
  abstract readonly maxTokens: number;
  abstract readonly temperature: number;
  abstract readonly onDisconnect: 'continue' | 'abort';
  abstract readonly heartbeatMs: number;
  abstract readonly providerName: string;
  /** How often partial answers and heartbeats are written while streaming. */
  abstract readonly checkpointMs: number;
  /** A streaming turn whose heartbeat is older than this was lost with its process. */
  abstract readonly leaseMs: number;
  abstract readonly logTtlSeconds: number;
  /** Bound on one model call (LLM_DEADLINE_MS): how long a waiter may wait for another replica's turn. */
  abstract readonly turnDeadlineMs: number;
}
