import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type LlmOutcome = 'ok' | 'error' | 'aborted';

export interface LlmCallObservation {
  model: string;
  outcome: LlmOutcome;
  durationMs: number;
  timeToFirstTokenMs?: number;
}

/** Reads connection-pool use; returns undefined when the pool cannot be reached. */

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * Every Prometheus metric of the service, on a registry of its own (not prom-client's global
 * one) so several app instances in one process, as in tests, never clash.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration (for streams: until the stream ended), by route, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly throttled = new Counter({
    name: 'http_requests_throttled_total',
    help: 'Requests refused with 429 by a rate limit, by limit name',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  private readonly storeFailures = new Counter({
    name: 'rate_limit_store_failures_total',
    help: 'Rate-limit store (Redis) calls that failed; the request was let through (fail open)',
    registers: [this.registry],
  });
  private readonly openStreams = new Gauge({
    name: 'http_open_streams',
    help: 'Streaming responses (SSE/NDJSON) currently open',
    registers: [this.registry],
  });
  private readonly llmDuration = new Histogram({
    name: 'llm_call_duration_seconds',
    help: 'Model call duration, by model and outcome',
    labelNames: ['model', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly llmFirstToken = new Histogram({
    name: 'llm_time_to_first_token_seconds',
    help: 'Time from the model call to its first streamed token, by model',
    labelNames: ['model'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly tokens = new Counter({
    name: 'llm_tokens_total',
    help: 'Tokens used, by model and direction (input|output)',
    labelNames: ['model', 'direction'] as const,
    registers: [this.registry],
  });
  private readonly embeddingCache = new Counter({
    name: 'embedding_cache_lookups_total',
    help: 'Embedding cache lookups, by result (hit|miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observeHttp(method: string, route: string, status: number, durationMs: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, durationMs / 1000);
  }

  requestThrottled(limit: string): void {
    this.throttled.inc({ limit });
  }

  rateLimitStoreFailed(): void {
    this.storeFailures.inc();
  }

  observeLlmCall(call: LlmCallObservation): void {
    this.llmDuration.observe({ model: call.model, outcome: call.outcome }, call.durationMs / 1000);
    if (call.timeToFirstTokenMs !== undefined)
      this.llmFirstToken.observe({ model: call.model }, call.timeToFirstTokenMs / 1000);
  }

  countTokens(model: string, direction: 'input' | 'output', n: number | undefined): void {
    if (n && n > 0) this.tokens.inc({ model, direction }, n);
  }

  streamOpened(): void {
    this.openStreams.inc();
  }

  streamClosed(): void {
    this.openStreams.dec();
  }

  embeddingCacheHit(): void {
    this.embeddingCache.inc({ result: 'hit' });
  }

  embeddingCacheMiss(): void {
    this.embeddingCache.inc({ result: 'miss' });
  }

  /** The Prometheus text exposition. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
