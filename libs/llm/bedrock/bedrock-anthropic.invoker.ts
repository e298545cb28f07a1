import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelCommandInput,
  InvokeModelWithResponseStreamCommand,
  ResponseStream,
} from '@aws-sdk/client-bedrock-runtime';
import { LlmEvent, LlmResult, LlmUsage } from '../llm-client';
import { LlmError, LlmUnavailableError } from '../llm-errors';
import { AbortRace, raceAbort, throwIfAborted } from '../internal/abort';
import { mapBedrockError } from './bedrock-error.mapper';
import { unifyStopReason } from './bedrock-stop-reason';
import { streamException } from './bedrock-stream-exception';

/** One raw Anthropic Messages call: the body goes to InvokeModel as the caller gave it. */
export interface AnthropicInvocation {
  modelId: string;
  body: Record<string, unknown>;
  guardrail?: { id: string; version: string };
}

/** Whether a model id (plain, inference profile or ARN) names an Anthropic model. */
export function isAnthropicModel(modelId: string): boolean {
  return modelId.toLowerCase().includes('anthropic.');
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const decoder = new TextDecoder();

function commandInput(call: AnthropicInvocation): InvokeModelCommandInput {
  return {
    modelId: call.modelId,
    contentType: 'application/json',
    accept: 'application/json',
    body: JSON.stringify(call.body),
    ...(call.guardrail
      ? { guardrailIdentifier: call.guardrail.id, guardrailVersion: call.guardrail.version }
      : {}),
  };
}

function usageOf(input: number | undefined, output: number | undefined): LlmUsage {
  const total = input !== undefined && output !== undefined ? input + output : undefined;
  return { inputTokens: input, outputTokens: output, totalTokens: total };
}

/** A guardrail that intervened on InvokeModel says so in the body, not in stop_reason. */
function stopReasonOf(raw: unknown, guardrailAction: unknown) {
  if (guardrailAction === 'INTERVENED') return unifyStopReason('guardrail_intervened');
  return unifyStopReason(typeof raw === 'string' ? raw : undefined);
}

function incomplete(message: string): LlmUnavailableError {
  return new LlmUnavailableError(message, 'IncompleteStream');
}

/** InvokeModel with an Anthropic body; errors are left to the caller's mapper. */
export async function invokeAnthropic(
  client: Pick<BedrockRuntimeClient, 'send'>,
  call: AnthropicInvocation,
  signal?: AbortSignal,
): Promise<LlmResult> {
  throwIfAborted(signal);
  const command = new InvokeModelCommand(commandInput(call));
  const output = await raceAbort(client.send(command, { abortSignal: signal }), signal);
  const message = JSON.parse(decoder.decode(output.body)) as unknown;
  if (!isObject(message) || !Array.isArray(message.content)) {
    throw new LlmUnavailableError('Bedrock returned no Anthropic message', 'BadAnswer');
  }
  const text = message.content
    .map((block) => (isObject(block) && block.type === 'text' ? String(block.text ?? '') : ''))
    .join('');
  const usage = isObject(message.usage) ? message.usage : {};
  return {
    text,
    model: call.modelId,
    usage: usageOf(num(usage.input_tokens), num(usage.output_tokens)),
    stopReason: stopReasonOf(message.stop_reason, message['amazon-bedrock-guardrailAction']),
  };
}

/** What the Anthropic stream events told so far. */
interface StreamState {
  started: boolean;
  stopped: boolean;
  stopReason?: unknown;
  guardrailAction?: unknown;
  inputTokens?: number;
  outputTokens?: number;
}

/** Reads one Anthropic stream event into the state; returns the text it carries, if any. */
function absorb(event: Json, state: StreamState): string | LlmError | undefined {
  if (event['amazon-bedrock-guardrailAction'] !== undefined)
    state.guardrailAction = event['amazon-bedrock-guardrailAction'];
  switch (event.type) {
    case 'message_start': {
      const usage =
        isObject(event.message) && isObject(event.message.usage) ? event.message.usage : {};
      state.inputTokens = num(usage.input_tokens);
      return undefined;
    }
    case 'content_block_delta': {
      const delta = isObject(event.delta) ? event.delta : {};
      return delta.type === 'text_delta' && typeof delta.text === 'string' ? delta.text : undefined;
    }
    case 'message_delta': {
      if (isObject(event.delta)) state.stopReason = event.delta.stop_reason;
      if (isObject(event.usage)) state.outputTokens = num(event.usage.output_tokens);
      return undefined;
    }
    case 'message_stop': {
      state.stopped = true;
      const metrics = event['amazon-bedrock-invocationMetrics'];
      if (isObject(metrics)) {
        state.inputTokens ??= num(metrics.inputTokenCount);
        state.outputTokens ??= num(metrics.outputTokenCount);
      }
      return undefined;
    }
    case 'error': {
      const error = isObject(event.error) ? event.error : {};
      const name =
        error.type === 'overloaded_error'
          ? 'ServiceUnavailableException'
          : 'ModelStreamErrorException';
      return mapBedrockError(Object.assign(new Error(String(error.message ?? name)), { name }));
    }
  }
  return undefined;
}

/**
 * InvokeModelWithResponseStream with an Anthropic body, as port events: rejects before the
 * first event on early failures, then `error` events; a stream without message_stop is failed.
 */
export async function* streamAnthropic(
  client: Pick<BedrockRuntimeClient, 'send'>,
  call: AnthropicInvocation,
  signal?: AbortSignal,
): AsyncGenerator<LlmEvent> {
  throwIfAborted(signal);
  let events: AsyncIterable<ResponseStream> | undefined;
  try {
    const command = new InvokeModelWithResponseStreamCommand(commandInput(call));
    events = (await raceAbort(client.send(command, { abortSignal: signal }), signal)).body;
  } catch (error) {
    throw mapBedrockError(error, signal);
  }
  if (!events) throw incomplete('Bedrock InvokeModelWithResponseStream answered without a stream');
  const iterator = events[Symbol.asyncIterator]();
  const race = new AbortRace(signal);
  const state: StreamState = { started: false, stopped: false };
  let ended = false;
  try {
    while (true) {
      let outcome: string | LlmError | undefined;
      let done = false;
      try {
        const next = await race.race(iterator.next());
        done = next.done ?? false;
        const exception = next.done ? undefined : streamException(next.value);
        if (exception) outcome = mapBedrockError(exception, signal);
        else if (!next.done && next.value.chunk?.bytes) {
          const event = JSON.parse(decoder.decode(next.value.chunk.bytes)) as unknown;
          if (isObject(event)) outcome = absorb(event, state);
        }
      } catch (error) {
        outcome = mapBedrockError(error, signal);
      }
      if (outcome instanceof LlmError || done) {
        ended = true;
        if (!(outcome instanceof LlmError) && state.stopped && !signal?.aborted) {
          const stopReason = stopReasonOf(state.stopReason, state.guardrailAction);
          yield {
            type: 'finish',
            usage: usageOf(state.inputTokens, state.outputTokens),
            stopReason,
          };
          return;
        }
        const failure =
          outcome instanceof LlmError
            ? outcome
            : incomplete('Bedrock stream ended without message_stop');
        if (!state.started) throw failure;
        yield { type: 'error', error: failure };
        return;
      }
      if (!state.started) {
        state.started = true;
        yield { type: 'start', model: call.modelId };
      }
      if (outcome) yield { type: 'text-delta', text: outcome };
    }
  } finally {
    race.dispose();
    if (!ended) iterator.return?.().catch(() => undefined);
  }
}
