import { FakeLlmClient } from '../../../test/llm-contract';
import { Metrics, UnlimitedTokenBudget } from '@app/platform';
import { LruEmbeddingCache } from '../infrastructure/lru.embedding-cache';
import { EmbeddingCache, embeddingCacheKey, NoEmbeddingCache } from './embedding-cache';
import { InvalidRequestError, ModelNotAllowedError } from './proxy-errors';
import { EmbedTextsUseCase } from './embed-texts.use-case';
import { ProxySettings } from './proxy-settings';

const settings: ProxySettings = {
  defaultChatModel: 'chat',
  chatModels: ['chat'],
  defaultEmbedModel: 'titan',
  embedModels: ['titan', 'cohere'],
  maxTokensLimit: 100,
  embedCacheMax: 100,
  embedCacheTtlSeconds: 60,
  providerName: 'fake',
};

function setup(cache: EmbeddingCache = new LruEmbeddingCache(100, 60)) {
  const llm = new FakeLlmClient();
  const metrics = new Metrics();
  const useCase = new EmbedTextsUseCase(llm, settings, cache, metrics, new UnlimitedTokenBudget());
  const lookups = async (result: 'hit' | 'miss') => {
    const text = (await metrics.render()).body;
    const match = new RegExp(`embedding_cache_lookups_total\\{result="${result}"\\} (\\d+)`).exec(
      text,
    );
    return Number(match?.[1] ?? 0);
  };
  return { llm, useCase, lookups };
}

describe('EmbedTextsUseCase', () => {
  it('embeds only texts it has not seen, once each, and keeps the input order', async () => {
    const { llm, useCase, lookups } = setup();
    const first = await useCase.execute({ userId: 'u', texts: ['a', 'b', 'a'] });
    expect(first).toMatchObject({ model: 'titan', dimensions: 2, cached: 0 });
    expect(first.embeddings).toHaveLength(3);
    const again = await useCase.execute({ userId: 'u', texts: ['b', 'c'] });
    expect(again.cached).toBe(1);
    expect(llm.calls.map((c) => c.operation)).toEqual(['embed', 'embed']);
    expect(await lookups('hit')).toBe(1);
    expect(await lookups('miss')).toBe(4);
    await useCase.execute({ userId: 'u', texts: ['a', 'b', 'c'] });
    expect(llm.calls).toHaveLength(2);
  });

  it('options and models are part of the key', async () => {
    const { llm, useCase } = setup();
    await useCase.execute({ userId: 'u', texts: ['a'] });
    await useCase.execute({ userId: 'u', texts: ['a'], dimensions: 256 });
    await useCase.execute({ userId: 'u', texts: ['a'], normalize: false });
    await useCase.execute({ userId: 'u', texts: ['a'], model: 'cohere' });
    expect(llm.calls.map((c) => c.model)).toEqual(['titan', 'titan', 'titan', 'cohere']);
  });

  it('without a cache every request reaches the provider', async () => {
    const { llm, useCase } = setup(new NoEmbeddingCache());
    await useCase.execute({ userId: 'u', texts: ['a'] });
    await useCase.execute({ userId: 'u', texts: ['a'] });
    expect(llm.calls).toHaveLength(2);
  });

  it('refuses other models, empty and too many texts with typed request errors', async () => {
    const { llm, useCase } = setup();
    const otherModel = useCase.execute({ userId: 'u', texts: ['a'], model: 'x' });
    await expect(otherModel).rejects.toBeInstanceOf(ModelNotAllowedError);
    await expect(otherModel).rejects.toMatchObject({
      code: 'model_not_allowed',
      details: { allowed: ['titan', 'cohere'] },
    });
    await expect(useCase.execute({ userId: 'u', texts: ['ok', ' '] })).rejects.toMatchObject({
      code: 'validation_failed',
      details: ['text[1] must be a non-empty string'],
    });
    await expect(
      useCase.execute({ userId: 'u', texts: Array<string>(257).fill('x') }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(llm.calls).toHaveLength(0);
  });
});

describe('embeddingCacheKey', () => {
  it('names provider, model and options, and hashes the text', () => {
    const key = embeddingCacheKey(
      { provider: 'bedrock', model: 'amazon.titan-embed-text-v2:0', dimensions: 256 },
      'hello',
    );
    expect(key).toBe(
      'embed:v1:bedrock:amazon.titan-embed-text-v2:0:256:default:' +
        '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
  });
});
