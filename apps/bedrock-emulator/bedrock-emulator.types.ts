/** Public types of the Bedrock wire emulator (see bedrock-emulator.ts). */

export type EmulatorOperation =
  'converse' | 'converse-stream' | 'invoke' | 'invoke-with-response-stream';

export interface EmulatorReplyContext {
  modelId: string;
  operation: string;
  body: unknown;
}

export interface EmulatorBehaviour {
  /** Delay before the response headers. Default 0. */
  firstByteDelayMs: number;
  /** Delay between stream chunks. Default 0. (A non-stream answer waits firstByteDelayMs only.) */
  chunkDelayMs: number;
  /** Number of text chunks; default one chunk per word of the reply. */
  chunkCount?: number;
  /** The reply text; default `Emulated reply to: <last user text>` (deterministic). */
  reply: (ctx: EmulatorReplyContext) => string;
  /**
   * Extension: force this raw stop reason (e.g. `guardrail_intervened`, `max_tokens`). Unset:
   * `end_turn`, or `stop_sequence` / `max_tokens` when the request's limits cut the reply.
   */
  stopReason?: string;
}

export type EmulatorFault =
  | { kind: 'throttle'; retryAfterSeconds?: number }
  | { kind: 'error'; type: string; status?: number; message?: string }
  | { kind: 'delay'; firstByteDelayMs?: number; chunkDelayMs?: number }
  | { kind: 'hang' }
  | { kind: 'mid-stream-exception'; afterChunks: number; type?: string }
  | { kind: 'drop-connection'; afterChunks?: number }
  | { kind: 'malformed-frame'; afterChunks: number }
  /** A frame whose total-length field is 0, then silence with the connection left open. */
  | { kind: 'zero-length-frame'; afterChunks: number }
  | { kind: 'truncated-stream'; afterChunks: number }
  | { kind: 'html-502' };

export interface EmulatorRule {
  fault: EmulatorFault;
  modelId?: string;
  operation?: EmulatorOperation;
  /** How many matching requests get the fault. Default Infinity. */
  times?: number;
}

export interface RecordedRequest {
  operation: string;
  modelId: string;
  rawPath: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  receivedAt: number;
  /** The fault applied to this request, if any (extension). */
  fault?: EmulatorFault;
  /** True when the client closed the connection before we finished answering. */
  clientClosed: boolean;
  finished: boolean;
}

export interface BedrockEmulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Adds a rule; rules match in order and `times` counts down. */
  script(rule: EmulatorRule): void;
  configure(defaults: Partial<EmulatorBehaviour>): void;
  /** Clears rules and requests, restores the defaults given at start. */
  reset(): void;
  /** Resolves when request[index] (default: the last) has its connection closed by the client. */
  waitForClientClose(index?: number, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

/**
 * What the emulator accepts. Keys: SigV4 signatures are verified against them (and the signing
 * time against its clock, 5 minutes either way). An API key: `Authorization: Bearer <key>`.
 * Neither: any SigV4 or bearer authorization passes.
 */
export interface EmulatorAuth {
  credentials?: { accessKeyId: string; secretAccessKey: string };
  apiKey?: string;
}

export interface StartEmulatorOptions {
  host?: string;
  port?: number;
  defaults?: Partial<EmulatorBehaviour>;
  auth?: EmulatorAuth;
}
