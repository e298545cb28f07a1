import { LlmError } from './llm-errors';

/** Roles the port understands; the system prompt travels separately, as Converse wants it. */
export type LlmRole = 'user' | 'assistant';

export interface LlmMessage {
  role: LlmRole;
  content: string;
}

export interface LlmRequest {
  /** Model id, inference profile id or ARN. */
  model: string;
  system?: string;
  messages: LlmMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  /**
   * Guardrail for this call; unset = the configured one (BEDROCK_GUARDRAIL_ID), null = none.
   * Providers without guardrails ignore it.
   */
  guardrail?: { id: string; version: string } | null;
  /**
   * A provider-native body to send as-is where the adapter speaks its format (the proxy's raw
   * pass-through): Bedrock sends an `anthropic-messages` body to InvokeModel /
   * InvokeModelWithResponseStream for Anthropic models. Adapters that cannot use it ignore it
   * and use the fields above, which must always describe the same request.
   */
  native?: NativeRequestBody;
}

/** A request body in a provider's own wire format (see LlmRequest.native). */
export interface NativeRequestBody {
  /** The Anthropic Messages body as Bedrock's InvokeModel takes it (`anthropic_version`, ...). */
  format: 'anthropic-messages';
  body: Record<string, unknown>;
}

export interface LlmUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

export type UnifiedStopReason =
  'end' | 'length' | 'content_filter' | 'stop_sequence' | 'tool_use' | 'other';

export interface LlmStopReason {
  unified: UnifiedStopReason;
  raw?: string;
}

export interface LlmResult {
  text: string;
  model: string;
  usage: LlmUsage;
  stopReason: LlmStopReason;
}

/** The small typed stream-event union every adapter emits, in this order: start, text-delta*, finish | error. */
export type LlmEvent =
  | { type: 'start'; model: string }
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; usage: LlmUsage; stopReason: LlmStopReason }
  | { type: 'error'; error: LlmError };

export interface EmbedRequest {
  model: string;
  texts: string[];
  dimensions?: number;
  normalize?: boolean;
}

export interface EmbedResult {
  model: string;
  embeddings: number[][];
  dimensions: number;
  usage: { inputTokens?: number };
}

/**
 * The LLM port, also the Nest DI token. A stream rejects before its first event for early
 * failures (so callers can retry or answer a plain HTTP error); a later failure arrives as an
 * `error` event and ends the stream.
 */
export abstract class LlmClient {
  /** Short name of the provider behind this client, for logs and health. */
  abstract readonly provider: string;
  abstract generate(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult>;
  abstract stream(request: LlmRequest, signal?: AbortSignal): AsyncIterable<LlmEvent>;
  embed?(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult>;
}
