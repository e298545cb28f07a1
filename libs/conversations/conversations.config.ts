import { getConfigToken } from '@nestjs/config';
import { allowedModels } from '@app/llm';
import { ChatSettings } from './application/chat-settings';

/** The configuration namespace the app registers (registerAs) with the chat settings. */
export const CHAT_CONFIG_NAMESPACE = 'chat';

/** DI token of the `chat` namespace. */
export const CHAT_CONFIG = getConfigToken(CHAT_CONFIG_NAMESPACE);

/** The environment variables the conversations read, validated and defaulted by the app's schema. */
export interface ChatEnvironment {
  LLM_PROVIDER?: string;
  LLM_MODEL_ID: string;
  LLM_MODELS?: string;
  LLM_MAX_TOKENS: number;
  LLM_TEMPERATURE: number;
  LLM_DEADLINE_MS: number;
  MAX_MESSAGE_CHARS: number;
  CONTEXT_MAX_TOKENS: number;
  CONTEXT_SUMMARIES: boolean;
  STREAM_ON_DISCONNECT: string;
  STREAM_HEARTBEAT_MS: number;
  STREAM_CHECKPOINT_MS: number;
  STREAM_LEASE_MS: number;
  STREAM_LOG_TTL_S: number;
}

/** The `chat` configuration namespace, made from the validated environment. */
export function chatSettingsFrom(env: ChatEnvironment): ChatSettings {
  return {
    maxMessageChars: env.MAX_MESSAGE_CHARS,
    contextMaxTokens: env.CONTEXT_MAX_TOKENS,
    summaries: env.CONTEXT_SUMMARIES,
    maxTokens: env.LLM_MAX_TOKENS,
    temperature: env.LLM_TEMPERATURE,
    onDisconnect: env.STREAM_ON_DISCONNECT === 'abort' ? 'abort' : 'continue',
    heartbeatMs: env.STREAM_HEARTBEAT_MS,
    providerName: env.LLM_PROVIDER ?? 'mock',
    defaultModel: env.LLM_MODEL_ID,
    allowedModels: allowedModels(env.LLM_MODEL_ID, env.LLM_MODELS),
    checkpointMs: env.STREAM_CHECKPOINT_MS,
    leaseMs: env.STREAM_LEASE_MS,
    logTtlSeconds: env.STREAM_LOG_TTL_S,
    turnDeadlineMs: env.LLM_DEADLINE_MS,
  };
}
