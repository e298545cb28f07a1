import {
  EmbedRequest,
  EmbedResult,
  LlmClient,
  LlmEvent,
  LlmRequest,
  LlmResult,
} from '../llm-client';
import { LlmAbortedError, LlmThrottledError, LlmUnavailableError } from '../llm-errors';
import { LlmLogger } from '../llm-logger';
import { throwIfAborted } from '../internal/abort';
import { openStream, OpenedStream, resumedStream } from '../internal/stream-utils';
import { LlmClientWrapper } from './llm-client.wrapper';

/** Errors after which the next model is tried: the model's capacity, not the request, failed. */
export function isFallbackWorthy(error: unknown): boolean {
  return error instanceof LlmThrottledError || error instanceof LlmUnavailableError;
}

/**
 * Tries the requested model, then each fallback model in order (LLM_FALLBACK_MODELS, e.g.
 * cross-region inference profiles) when a call is throttled or unavailable before its first
 * event. The result and the `start` event name the model that answered. A fallback's own
 * failure (any kind but an abort) moves on to the next one; if every model fails, the requested
 * model's error is thrown (its retry-after hint is the useful one). Embeddings are never sent to another model.
 */
export class FallbackLlmClient extends LlmClientWrapper {
  constructor(
    inner: LlmClient,
    private readonly fallbackModels: readonly string[],
    private readonly logger?: LlmLogger,
  ) {
    super(inner);
  }

  generate(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    return this.tryModels(request, signal, async (attempt) => {
      const result = await this.inner.generate(attempt, signal);
      return { ...result, model: result.model || attempt.model };
    });
  }

  stream(request: LlmRequest, signal?: AbortSignal): AsyncIterableIterator<LlmEvent> {
    let used = request.model;
    return resumedStream(
      () =>
        this.tryModels(request, signal, (attempt): Promise<OpenedStream> => {
          used = attempt.model;
          return openStream(this.inner, attempt, signal);
        }),
      (event) => (event.type === 'start' ? { ...event, model: event.model || used } : event),
    );
  }

  override embed(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult> {
    return this.innerEmbed(request, signal);
  }

  private async tryModels<T>(
    request: LlmRequest,
    signal: AbortSignal | undefined,
    call: (request: LlmRequest) => Promise<T>,
  ): Promise<T> {
    const models = [request.model, ...this.fallbackModels.filter((m) => m !== request.model)];
    let firstError: unknown;
    for (const [index, model] of models.entries()) {
      throwIfAborted(signal);
      try {
        return await call(index === 0 ? request : { ...request, model });
      } catch (error) {
        if (index === 0) {
          if (!isFallbackWorthy(error)) throw error;
          firstError = error;
        } else if (error instanceof LlmAbortedError) {
          throw error;
        }
        const next = models[index + 1];
        this.logger?.warn(
          `LLM model ${model} failed (${(error as Error).name}: ${(error as Error).message})` +
            (next ? `; falling back to ${next}` : '; no fallback model left'),
        );
      }
    }
    throw firstError;
  }
}
