/** Public types of the fake OpenAI-compatible server (see openai-fake.server.ts). */
import type { EmulatorBehaviour, EmulatorFault } from './bedrock-emulator.types';

/** The routes the fake serves, under its base URL (`…/v1`). */
export type OpenAiFakeRoute = 'chat' | 'embeddings';

/**
 * Same knobs as the Bedrock emulator: delays, chunking, the reply text (default
 * `Emulated reply to: <last user text>`, one output token a word) and a forced raw stop reason
 * (`content_filter`, `length`, ...; Bedrock words such as `guardrail_intervened` are translated).
 */
export type OpenAiFakeBehaviour = EmulatorBehaviour;

/**
 * A scripted failure, with the Bedrock emulator's fault kinds played the OpenAI way: `throttle`
 * is a 429 (with `retry-after` when given), `error` a JSON error whose status comes from `status`
 * or from the Bedrock exception name in `type` (ThrottlingException 429, ValidationException 400,
 * AccessDeniedException 403, ModelTimeoutException 408, InternalServerException 500, ...),
 * `mid-stream-exception` a `data: {"error": …}` event after N text chunks, `malformed-frame` a
 * `data:` line that is not JSON, `truncated-stream` an end without finish_reason and `[DONE]`.
 */
export type OpenAiFakeFault = EmulatorFault;

export interface OpenAiFakeRule {
  fault: OpenAiFakeFault;
  model?: string;
  route?: OpenAiFakeRoute;
  /** How many matching requests get the fault. Default Infinity. */
  times?: number;
}

export interface OpenAiRecordedRequest {
  route: OpenAiFakeRoute | 'unknown';
  model: string;
  path: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** `stream: true` was asked. */
  stream: boolean;
  receivedAt: number;
  fault?: OpenAiFakeFault;
  /** True when the client closed the connection before we finished answering. */
  clientClosed: boolean;
  finished: boolean;
}

export interface OpenAiFake {
  /** The base URL to use as OPENAI_BASE_URL: http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly requests: OpenAiRecordedRequest[];
  /** Adds a rule; rules match in order and `times` counts down. */
  script(rule: OpenAiFakeRule): void;
  configure(defaults: Partial<OpenAiFakeBehaviour>): void;
  /** Clears rules and requests, restores the defaults given at start. */
  reset(): void;
  /** Resolves when request[index] (default: the last) has its connection closed by the client. */
  waitForClientClose(index?: number, timeoutMs?: number): Promise<OpenAiRecordedRequest>;
  close(): Promise<void>;
}

export interface StartOpenAiFakeOptions {
  host?: string;
  port?: number;
  defaults?: Partial<OpenAiFakeBehaviour>;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401). */
  apiKey?: string;
}
