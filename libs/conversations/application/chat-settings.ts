/** Chat behaviour: the `chat` configuration namespace (conversations.config.ts). */
export abstract class ChatSettings {
  abstract readonly maxMessageChars: number;
  abstract readonly contextMaxTokens: number;
  /** CONTEXT_SUMMARIES: fold what falls out of the context budget into a summary after each answer. */
  abstract readonly summaries: boolean;
  abstract readonly maxTokens: number;
  abstract readonly temperature: number;
  abstract readonly onDisconnect: 'continue' | 'abort';
  abstract readonly heartbeatMs: number;
  abstract readonly providerName: string;
  /** LLM_MODEL_ID: the model of a turn that names none. */
  abstract readonly defaultModel: string;
  /** The default model plus LLM_MODELS: the models a turn may name. */
  abstract readonly allowedModels: readonly string[];
  /** How often partial answers and heartbeats are written while streaming. */
  abstract readonly checkpointMs: number;
  /** A streaming turn whose heartbeat is older than this was lost with its process. */
  abstract readonly leaseMs: number;
  abstract readonly logTtlSeconds: number;
  /** Bound on one model call (LLM_DEADLINE_MS): how long a waiter may wait for another replica's turn. */
  abstract readonly turnDeadlineMs: number;
}
