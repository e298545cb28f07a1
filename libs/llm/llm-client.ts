import { LlmError } from './llm-errors';

/** Roles the port understands; the system prompt travels separately, as Converse wants it. */
export type LlmRole = 'user' | 'assistant';

/** Image formats Converse takes as image blocks. */
export type LlmImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/**
 * One block of a message's content. Tool results travel in a `user` message and tool calls in
 * an `assistant` one, as Converse and Anthropic want them.
 */
export type LlmContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; format: LlmImageFormat; data: Uint8Array }
  /** A call the model made; `input` is the JSON object of its arguments. */
  | { type: 'tool-use'; id: string; name: string; input: Record<string, unknown> }
  /** What the caller's tool answered to the call `toolUseId`. */
  | { type: 'tool-result'; toolUseId: string; content: string; isError?: boolean };

export interface LlmMessage {
  role: LlmRole;
  /** Plain text, or blocks (text, images, tool calls and results). */
  content: string | LlmContentBlock[];
}

/** A tool the model may call: its arguments described by a JSON Schema object. */
export interface LlmToolDefinition {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
}

/** auto: the model decides; any: it must call one; tool: it must call this one; none: no call. */
export type LlmToolChoice =
  { type: 'auto' } | { type: 'any' } | { type: 'none' } | { type: 'tool'; name: string };

/** A tool call in a finished answer. */
export interface LlmToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
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
  /** Tools the model may call; none = a plain chat. */
  tools?: LlmToolDefinition[];
  /** Default auto (when tools are given). */
  toolChoice?: LlmToolChoice;
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
  /** The tool calls of the answer, in order (none when the model called no tool). */
  toolCalls?: LlmToolCall[];
  model: string;
  usage: LlmUsage;
  stopReason: LlmStopReason;
}

/**
 * The small typed stream-event union every adapter emits, in this order: start, then text
 * deltas and tool calls (a `tool-call-start`, then its input as JSON text in
 * `tool-input-delta`s), then finish | error. `index` numbers the answer's tool calls from 0.
 */
export type LlmEvent =
  | { type: 'start'; model: string }
  | { type: 'text-delta'; text: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-input-delta'; index: number; json: string }
  | { type: 'finish'; usage: LlmUsage; stopReason: LlmStopReason }
  | { type: 'error'; error: LlmError };

/** The text of a message's content (text blocks joined; other blocks left out). */
export function contentText(content: LlmMessage['content']): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const block of content) if (block.type === 'text') text += block.text;
  return text;
}

/** The content as blocks. */
export function contentBlocks(content: LlmMessage['content']): LlmContentBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

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
