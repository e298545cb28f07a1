import { Metrics } from './metrics.service';

describe('Metrics', () => {
  it('exposes the chat-facing metrics in Prometheus text', async () => {
    const metrics = new Metrics();
    metrics.observeLlmCall({
      model: 'm1',
      outcome: 'ok',
      durationMs: 1200,
      timeToFirstTokenMs: 300,
    });
    metrics.observeLlmCall({ model: 'm1', outcome: 'aborted', durationMs: 50 });
    metrics.countTokens('m1', 'input', 10);
    metrics.countTokens('m1', 'output', 32);
    metrics.countTokens('m1', 'output', undefined);
    metrics.streamOpened();
    metrics.streamOpened();
    metrics.streamClosed();
    metrics.embeddingCacheHit();
    metrics.embeddingCacheMiss();
    metrics.embeddingCacheMiss();
    metrics.requestThrottled('chat');
    const { body, contentType } = await metrics.render();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('llm_call_duration_seconds_count{model="m1",outcome="ok"} 1');
    expect(body).toContain('llm_call_duration_seconds_count{model="m1",outcome="aborted"} 1');
    expect(body).toContain('llm_time_to_first_token_seconds_count{model="m1"} 1');
    expect(body).toContain('llm_tokens_total{model="m1",direction="input"} 10');
    expect(body).toContain('llm_tokens_total{model="m1",direction="output"} 32');
    expect(body).toContain('http_open_streams 1');
    expect(body).toContain('embedding_cache_lookups_total{result="miss"} 2');
    expect(body).toContain('http_requests_throttled_total{limit="chat"} 1');
    expect(body).toContain('process_cpu_user_seconds_total');
  });

  it('lets two instances live in one process (separate registries)', () => {
    expect(() => [new Metrics(), new Metrics()]).not.toThrow();
  });
});
