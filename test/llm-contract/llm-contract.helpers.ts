/// <reference types="jest" />
// Test-only code (uses jest globals); the app build compiles it, nothing at run time loads it.
import { LlmClient, LlmEvent, LlmRequest, LlmError } from '@app/llm';
import { EmulatorFault } from '../../apps/bedrock-emulator/bedrock-emulator.types';

/**
 * How the contract scripts failures into an adapter. The Bedrock spec plays them on the wire
 * emulator; the mock spec through MockLlmClient's fault hook. Kinds an adapter does not
 * support are not run for it.
 */
export interface ContractFaultInjector {
  supports(kind: EmulatorFault['kind']): boolean;
  /** The next `times` (default 1) calls, for `model` when given, fail with `fault`. */
  inject(fault: EmulatorFault, options?: { model?: string; times?: number }): void;
  /** Calls that reached the provider since the last reset. */
  calls(): number;
  /** Resolves once the provider saw the last call closed by us (abort or timeout reached it). */
  waitForUpstreamClose(): Promise<void>;
  /** Optional: the next answers report this raw stop reason (e.g. guardrail_intervened). */
  forceStopReason?(raw: string): void;
  reset(): void;
}

export interface ContractSetup {
  client: LlmClient;
  /** The chat model the cases ask for. */
  model: string;
  faults?: ContractFaultInjector;
  teardown(): Promise<void>;
}

export interface ContractCapabilities {
  /** Fault kinds the setup's injector can play; the cases needing them are defined. */
  faults?: readonly EmulatorFault['kind'][];
  /** The injector implements forceStopReason (the content_filter case is defined). */
  forcedStopReason?: boolean;
  /** The client implements embed for Titan and Cohere model ids. Default true. */
  embeddings?: boolean;
}

export interface ContractContext {
  setup: ContractSetup;
}

/** A model id used as fallback by the contract (an ARN, to exercise id encoding). */
export const CONTRACT_FALLBACK_MODEL =
  'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0';

export const TITAN_EMBED_MODEL = 'amazon.titan-embed-text-v2:0';
export const COHERE_EMBED_MODEL = 'cohere.embed-multilingual-v3';

export function ask(model: string, content: string, extra: Partial<LlmRequest> = {}): LlmRequest {
  return { model, messages: [{ role: 'user', content }], ...extra };
}

export interface Collected {
  events: LlmEvent[];
  /** Set when the iterator threw (a failure before the first event). */
  thrown?: unknown;
}

/** Reads a whole stream; `onEvent` may act (e.g. abort) after each event. */
export async function collect(
  stream: AsyncIterable<LlmEvent>,
  onEvent?: (event: LlmEvent, index: number) => void,
): Promise<Collected> {
  const events: LlmEvent[] = [];
  try {
    for await (const event of stream) {
      events.push(event);
      onEvent?.(event, events.length - 1);
    }
    return { events };
  } catch (thrown) {
    return { events, thrown };
  }
}

export function textOf(events: LlmEvent[]): string {
  return events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
}

export function typesOf(events: LlmEvent[]): string[] {
  return events.map((event) => event.type);
}

export function lastError(events: LlmEvent[]): LlmError | undefined {
  const last = events.at(-1);
  return last?.type === 'error' ? last.error : undefined;
}

/** Asserts a promise rejects with an instance of `type` and returns the error. */
export async function rejection<T extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}
