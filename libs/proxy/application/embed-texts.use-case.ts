import { Injectable } from '@nestjs/common';
import { LlmAbortedError, LlmBadRequestError, LlmClient } from '@app/llm';
import { Metrics, TokenBudget } from '@app/platform';
import { EmbeddingCache, embeddingCacheKey } from './embedding-cache';
import { InvalidRequestError, resolveModel } from './proxy-errors';
import { MAX_EMBED_TEXTS, ProxySettings } from './proxy-settings';

export interface EmbedTextsInput {
  userId: string;
  texts: string[];
  model?: string;
  dimensions?: number;
  normalize?: boolean;
}

export interface EmbedTextsResult {
  model: string;
  /** One vector per input text, in order. */
  embeddings: number[][];
  dimensions: number;
  /** Tokens the provider counted for the texts it embedded now (cached ones cost nothing). */
  inputTokens?: number;
  /** How many of the texts came from the cache. */
  cached: number;
}

/**
 * Embeddings for the proxy's `mode: "embed"` and `POST /api/v1/embeddings`: texts already in
 * the cache (same provider, model, options and SHA-256 of the text) are not sent again.
 */
@Injectable()
export class EmbedTextsUseCase {
  constructor(
    private readonly llm: LlmClient,
    private readonly settings: ProxySettings,
    private readonly cache: EmbeddingCache,
    private readonly metrics: Metrics,
    private readonly budget: TokenBudget,
  ) {}

  async execute(input: EmbedTextsInput, signal?: AbortSignal): Promise<EmbedTextsResult> {
    this.validate(input.texts);
    const { defaultEmbedModel, embedModels, providerName } = this.settings;
    const model = resolveModel(input.model, defaultEmbedModel, embedModels);
    const parts = { provider: providerName, model, ...options(input) };
    const keys = input.texts.map((text) => embeddingCacheKey(parts, text));
    const found = await this.cache.getMany(keys);
    const vectors = new Map<string, number[]>();
    found.forEach((vector, i) => vector && vectors.set(keys[i], vector));
    const cached = keys.filter((key) => vectors.has(key)).length;
    for (const key of keys) {
      if (vectors.has(key)) this.metrics.embeddingCacheHit();
      else this.metrics.embeddingCacheMiss();
    }
    const missing = [...new Set(keys.filter((key) => !vectors.has(key)))];

    let inputTokens: number | undefined;
    if (missing.length > 0) {
      const texts = missing.map((key) => input.texts[keys.indexOf(key)]);
      const fresh = await this.embed(input, model, texts, signal);
      inputTokens = fresh.inputTokens;
      const entries = missing.map((key, i): [string, number[]] => [key, fresh.embeddings[i]]);
      for (const [key, vector] of entries) vectors.set(key, vector);
      await this.cache.setMany(entries);
    }
    const embeddings = keys.map((key) => vectors.get(key) ?? []);
    return { model, embeddings, dimensions: embeddings[0]?.length ?? 0, inputTokens, cached };
  }

  private validate(texts: unknown): void {
    if (!Array.isArray(texts) || texts.length === 0 || texts.length > MAX_EMBED_TEXTS) {
      throw new InvalidRequestError('Nothing to embed', [
        `give 1 to ${MAX_EMBED_TEXTS} texts to embed (a string or an array of strings)`,
      ]);
    }
    const problems = texts.flatMap((text, i) =>
      typeof text !== 'string' || !text.trim() ? [`text[${i}] must be a non-empty string`] : [],
    );
    if (problems.length > 0)
      throw new InvalidRequestError('Every text must be a non-empty string', problems);
  }

  private async embed(
    input: EmbedTextsInput,
    model: string,
    texts: string[],
    signal?: AbortSignal,
  ): Promise<{ embeddings: number[][]; inputTokens?: number }> {
    const estimate = Math.ceil(texts.reduce((n, text) => n + text.length, 0) / 4);
    await this.budget.assertWithinBudget(input.userId, estimate);
    if (!this.llm.embed) {
      throw new LlmBadRequestError(`The ${this.llm.provider} provider does not support embeddings`);
    }
    const started = Date.now();
    try {
      const result = await this.llm.embed({ model, texts, ...options(input) }, signal);
      const tokens = result.usage.inputTokens;
      this.metrics.observeLlmCall({ model, outcome: 'ok', durationMs: Date.now() - started });
      this.metrics.countTokens(model, 'input', tokens);
      if (tokens) this.budget.record(input.userId, tokens).catch(() => undefined);
      return { embeddings: result.embeddings, inputTokens: tokens };
    } catch (error) {
      const outcome = error instanceof LlmAbortedError ? 'aborted' : 'error';
      this.metrics.observeLlmCall({ model, outcome, durationMs: Date.now() - started });
      throw error;
    }
  }
}

function options(input: EmbedTextsInput): { dimensions?: number; normalize?: boolean } {
  return {
    ...(input.dimensions !== undefined ? { dimensions: input.dimensions } : {}),
    ...(input.normalize !== undefined ? { normalize: input.normalize } : {}),
  };
}
