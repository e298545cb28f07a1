import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions/completions';
import {
  EmbedRequest,
  EmbedResult,
  LlmClient,
  LlmEvent,
  LlmRequest,
  LlmResult,
  LlmStopReason,
  LlmUsage,
} from '../llm-client';
import { LlmError, LlmUnavailableError } from '../llm-errors';
import { ClosableLlmClient } from '../llm-logger';
import { LlmSettings } from '../llm-settings';
import { AbortRace, raceAbort, throwIfAborted } from '../internal/abort';
import { normalizeVector } from '../internal/deterministic-vector';
import { mapOpenAiError } from './openai-error.mapper';
import {
  ChatDefaults,
  fromToolCall,
  toChatParams,
  toUsage,
  unifyFinishReason,
} from './openai-request.mapper';

export interface OpenAiCompatibleOptions extends ChatDefaults {
  /** OPENAI_BASE_URL, e.g. http://localhost:11434/v1 (Ollama); unset = api.openai.com. */
  baseUrl?: string;
  /** OPENAI_API_KEY; local servers need none (a placeholder is sent). */
  apiKey?: string;
  /** Time to response headers, per call (socket-level safety net). Default 60000. */
  timeoutMs?: number;
  embedModelId: string;
  /** A prebuilt SDK client (tests); the options above that shape the client are then ignored. */
  client?: OpenAI;
}

/** Local servers (Ollama, vLLM, LM Studio) ignore the key, but the SDK insists on one. */
export const PLACEHOLDER_API_KEY = 'not-needed';
const EMBED_BATCH = 256;

export function openAiOptionsFromSettings(settings: LlmSettings): OpenAiCompatibleOptions {
  return {
    baseUrl: settings.openaiBaseUrl,
    apiKey: settings.openaiApiKey,
    modelId: settings.modelId,
    maxTokens: settings.maxTokens,
    temperature: settings.temperature,
    maxTokensField: settings.openaiMaxTokensField,
    timeoutMs: settings.timeoutMs,
    embedModelId: settings.embedModelId,
  };
}

/** The SDK client: no SDK retries (our wrappers retry), a timeout always set, no SDK logs. */
export function createOpenAiClient(options: OpenAiCompatibleOptions): OpenAI {
  return new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey || PLACEHOLDER_API_KEY,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    // Failures reach the caller as LlmErrors; the SDK's own console lines would be noise.
    logLevel: 'off',
  });
}

function incomplete(message: string): LlmUnavailableError {
  return new LlmUnavailableError(message, 'IncompleteStream');
}

/** vLLM's extension: the stop string that ended the answer. */
const matchedStop = (choice: object | undefined): unknown =>
  (choice as { stop_reason?: unknown } | undefined)?.stop_reason;

/**
 * Any OpenAI-compatible server (OpenAI, Ollama, vLLM, LM Studio, ...) through the official
 * `openai` SDK: chat completions (streamed with usage), embeddings, errors mapped to the port.
 */
export class OpenAiCompatibleLlmClient extends LlmClient implements ClosableLlmClient {
  readonly provider = 'openai-compatible';
  readonly client: OpenAI;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    super();
    this.client = options.client ?? createOpenAiClient(options);
  }

  async generate(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    throwIfAborted(signal);
    const params = toChatParams(request, this.options);
    try {
      const call = this.client.chat.completions.create({ ...params, stream: false }, { signal });
      const completion = await raceAbort(call, signal);
      const choice = completion.choices[0];
      const toolCalls = (choice?.message?.tool_calls ?? []).flatMap((call) =>
        call.type === 'function' ? [fromToolCall(call)] : [],
      );
      return {
        text: choice?.message?.content ?? '',
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
        model: params.model,
        usage: toUsage(completion.usage),
        stopReason: unifyFinishReason(choice?.finish_reason, matchedStop(choice)),
      };
    } catch (error) {
      throw mapOpenAiError(error, signal);
    }
  }

  async *stream(request: LlmRequest, signal?: AbortSignal): AsyncGenerator<LlmEvent> {
    throwIfAborted(signal);
    const params = toChatParams(request, this.options);
    let chunks: AsyncIterable<ChatCompletionChunk>;
    try {
      const call = this.client.chat.completions.create(
        { ...params, stream: true, stream_options: { include_usage: true } },
        { signal },
      );
      chunks = await raceAbort(call, signal);
    } catch (error) {
      throw mapOpenAiError(error, signal);
    }
    const iterator = chunks[Symbol.asyncIterator]();
    const race = new AbortRace(signal);
    let started = false;
    let ended = false;
    let stopReason: LlmStopReason | undefined;
    let usage: LlmUsage = {};
    /** Tool call indexes whose id and name were announced (servers send them once, first). */
    const announced = new Set<number>();
    try {
      while (true) {
        let failure: LlmError | undefined;
        let next: IteratorResult<ChatCompletionChunk> | undefined;
        try {
          next = await race.race(iterator.next());
        } catch (error) {
          failure = mapOpenAiError(error, signal);
        }
        if (failure || !next || next.done) {
          ended = true;
          // The SDK ends a stream quietly when it is aborted: that is no finished answer.
          if (!failure && stopReason && !signal?.aborted) {
            yield { type: 'finish', usage, stopReason };
            return;
          }
          failure ??= signal?.aborted
            ? mapOpenAiError(signal.reason, signal)
            : incomplete('OpenAI-compatible stream ended without a finish_reason');
          if (!started) throw failure;
          yield { type: 'error', error: failure };
          return;
        }
        const chunk = next.value;
        if (chunk.usage) usage = toUsage(chunk.usage);
        const choice = chunk.choices?.[0];
        if (!started && choice) {
          started = true;
          yield { type: 'start', model: params.model };
        }
        const text = choice?.delta?.content;
        if (text) yield { type: 'text-delta', text };
        for (const call of choice?.delta?.tool_calls ?? []) {
          if (!announced.has(call.index) && call.id && call.function?.name) {
            announced.add(call.index);
            yield {
              type: 'tool-call-start',
              index: call.index,
              id: call.id,
              name: call.function.name,
            };
          }
          const json = call.function?.arguments;
          if (json && announced.has(call.index)) {
            yield { type: 'tool-input-delta', index: call.index, json };
          }
        }
        if (choice?.finish_reason) {
          stopReason = unifyFinishReason(choice.finish_reason, matchedStop(choice));
        }
      }
    } finally {
      race.dispose();
      // Left early (consumer stopped or aborted): close the response, never wait for it.
      if (!ended) iterator.return?.().catch(() => undefined);
    }
  }

  override async embed(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult> {
    throwIfAborted(signal);
    const model = request.model || this.options.embedModelId;
    const embeddings: number[][] = [];
    let inputTokens: number | undefined;
    try {
      for (let start = 0; start < request.texts.length; start += EMBED_BATCH) {
        const input = request.texts.slice(start, start + EMBED_BATCH);
        const call = this.client.embeddings.create(
          {
            model,
            input,
            encoding_format: 'float',
            ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}),
          },
          { signal },
        );
        const answer = await raceAbort(call, signal);
        const vectors = [...answer.data].sort((a, b) => a.index - b.index);
        if (vectors.length !== input.length) throw incomplete(`${model} returned too few vectors`);
        for (const item of vectors) {
          embeddings.push(request.normalize ? normalizeVector(item.embedding) : item.embedding);
        }
        const used = answer.usage?.prompt_tokens;
        if (used !== undefined) inputTokens = (inputTokens ?? 0) + used;
      }
    } catch (error) {
      throw mapOpenAiError(error, signal);
    }
    return {
      model,
      embeddings,
      dimensions: embeddings[0]?.length ?? request.dimensions ?? 0,
      usage: { inputTokens },
    };
  }

  async close(): Promise<void> {
    // fetch keeps no per-client pool to release: nothing to do.
  }
}
