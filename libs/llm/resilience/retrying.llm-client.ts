import {
  EmbedRequest,
  EmbedResult,
  LlmClient,
  LlmEvent,
  LlmRequest,
  LlmResult,
} from '../llm-client';
import { LlmAuthError, LlmError, LlmThrottledError } from '../llm-errors';
import { LlmLogger } from '../llm-logger';
import { sleep, throwIfAborted } from '../internal/abort';
import { openStream, resumedStream } from '../internal/stream-utils';
import { LlmClientWrapper } from './llm-client.wrapper';

export interface RetryOptions {
  /** Attempts including the first one (LLM_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Backoff base: the cap of attempt n is min(maxDelayMs, baseDelayMs * 2^(n-1)). Default 250. */
  baseDelayMs?: number;
  /** Backoff cap; a provider retry-after hint above it ends the retries at once. Default 4000. */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1); tests pass a fixed one. */
  random?: () => number;
  logger?: LlmLogger;
}

/**
 * Retries retryable LlmErrors with exponential backoff and full jitter, never sooner than the
 * provider's retry-after hint. A stream is retried only when it failed before its first event;
 * once an event went out, failures travel as `error` events and nothing is repeated.
 */
export class RetryingLlmClient extends LlmClientWrapper {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(
    inner: LlmClient,
    private readonly options: RetryOptions,
  ) {
    super(inner);
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts));
    this.baseDelayMs = Math.max(0, options.baseDelayMs ?? 250);
    this.maxDelayMs = Math.max(this.baseDelayMs, options.maxDelayMs ?? 4000);
    this.random = options.random ?? Math.random;
  }

  generate(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    return this.withRetries('generate', request.model, signal, () =>
      this.inner.generate(request, signal),
    );
  }

  stream(request: LlmRequest, signal?: AbortSignal): AsyncIterableIterator<LlmEvent> {
    return resumedStream(() =>
      this.withRetries('stream', request.model, signal, () =>
        openStream(this.inner, request, signal),
      ),
    );
  }

  override embed(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult> {
    return this.withRetries('embed', request.model, signal, () => this.innerEmbed(request, signal));
  }

  /** The delay before attempt `attempt + 1`, or undefined when `error` must not be retried. */
  delayBeforeRetry(error: unknown, attempt: number): number | undefined {
    if (!(error instanceof LlmError) || !error.retryable || attempt >= this.maxAttempts) {
      return undefined;
    }
    const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    const jittered = Math.floor(this.random() * cap);
    const hint = error instanceof LlmThrottledError ? error.retryAfterMs : undefined;
    if (hint === undefined) return jittered;
    if (hint > this.maxDelayMs) return undefined;
    return Math.max(jittered, hint);
  }

  private async withRetries<T>(
    operation: string,
    model: string,
    signal: AbortSignal | undefined,
    call: () => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      throwIfAborted(signal);
      try {
        return await call();
      } catch (error) {
        const delay = signal?.aborted ? undefined : this.delayBeforeRetry(error, attempt);
        if (delay === undefined) {
          this.reportFinal(operation, model, error, attempt);
          throw error;
        }
        this.options.logger?.warn(
          `LLM ${operation} on ${model} failed (${describe(error)}), attempt ${attempt}/` +
            `${this.maxAttempts}; retrying in ${delay} ms`,
        );
        await sleep(delay, signal);
      }
    }
  }

  private reportFinal(operation: string, model: string, error: unknown, attempt: number): void {
    if (error instanceof LlmAuthError) {
      this.options.logger?.error(
        `LLM PROVIDER REJECTED OUR CREDENTIALS OR PERMISSIONS (${this.provider}, ${operation} on ` +
          `${model}): ${error.message}. Check the credentials, region and model access.`,
      );
    } else if (attempt > 1) {
      this.options.logger?.warn(
        `LLM ${operation} on ${model} gave up after ${attempt} attempt(s): ${describe(error)}`,
      );
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof LlmError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
