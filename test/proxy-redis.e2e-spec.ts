import type Redis from 'ioredis';
import request from 'supertest';
import { PLATFORM_REDIS } from '@app/platform';
import { ChatHarness, startChatHarness } from './support/chat-harness';
import { eventually } from './support/platform-helpers';
import { createTestApp, TestApp } from './support/test-app';

/** The app's Redis client connects in the background (commands fail until then): wait for it. */
async function redisReady(t: TestApp): Promise<void> {
  const redis = t.app.get<Redis>(PLATFORM_REDIS, { strict: false });
  await eventually(async () => redis.status === 'ready');
}

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL)
  process.stdout.write(
    'proxy-redis: REDIS_URL is not set, skipping the Redis embedding cache test\n',
  );

/** Runs only against a real Redis (REDIS_URL), as the platform's Redis tests do. */
(REDIS_URL ? describe : describe.skip)('Embedding cache in Redis (e2e)', () => {
  let h: ChatHarness;
  let other: TestApp;

  beforeAll(async () => {
    // A prefix of its own: runs sharing one Redis never see each other's entries.
    const env = {
      REDIS_URL: REDIS_URL!,
      REDIS_KEY_PREFIX: `proxy-e2e-${Math.random().toString(36).slice(2, 10)}:`,
      EMBED_CACHE_TTL_S: '60', // what the test leaves in Redis goes away soon
    };
    h = await startChatHarness('bedrock emulator', { env });
    other = await createTestApp({
      ...env,
      LLM_PROVIDER: 'bedrock',
      BEDROCK_ENDPOINT_URL: h.emulator!.url,
      AWS_REGION: 'us-east-1',
    });
    await redisReady(h.t);
    await redisReady(other);
  });
  afterAll(async () => {
    await other?.close();
    await h?.close();
  });

  it('an embedding computed by one replica is served to another without a provider call', async () => {
    const body = { mode: 'embed', text: 'shared between replicas' };
    const first = await request(h.t.url).post('/chat').send(body).expect(200);
    expect(h.emulator!.requests).toHaveLength(1);
    const second = await request(other.url).post('/chat').send(body).expect(200);
    expect(second.body).toEqual(first.body);
    expect(h.emulator!.requests).toHaveLength(1);
    const resource = await request(other.url)
      .post('/api/v1/embeddings')
      .send({ input: ['shared between replicas', 'new text'] })
      .expect(200);
    expect(resource.body.usage.cachedTexts).toBe(1);
    expect(h.emulator!.requests).toHaveLength(2);
  });
});
