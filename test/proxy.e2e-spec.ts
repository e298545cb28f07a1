import request from 'supertest';
import { ChatHarness, startChatHarness } from './support/chat-harness';
import { NdjsonStream } from './support/ndjson';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET = 'anthropic.claude-3-sonnet-20240229-v1:0';
const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-multilingual-v3';

/** The seed article's three requests (section 6), as its Python client sends them. */
const SEED_SYNC = {
  mode: 'chat',
  model: SONNET,
  payload: {
    anthropic_version: 'bedrock-2023-05-31',
    messages: [{ role: 'user', content: [{ type: 'text', text: '解释 DevOps 概念' }] }],
    max_tokens: 256,
  },
};
const SEED_STREAM = {
  mode: 'chat',
  stream: true,
  model: SONNET,
  payload: {
    anthropic_version: 'bedrock-2023-05-31',
    messages: [{ role: 'user', content: '写一段关于机器学习的介绍' }],
    max_tokens: 512,
  },
};
const SEED_EMBED = { mode: 'embed', model: TITAN, text: '这是一个测试句子' };

const chatOf = (content: string, extra: object = {}) => ({
  mode: 'chat',
  payload: { messages: [{ role: 'user', content }], max_tokens: 100 },
  ...extra,
});

describe('Stateless proxy on the Bedrock adapter (wire emulator)', () => {
  let h: ChatHarness;
  const post = (path: string, body: object) => request(h.t.url).post(path).send(body);
  const requests = () => h.emulator!.requests;

  beforeAll(async () => {
    h = await startChatHarness('bedrock emulator', {
      env: { LLM_MODELS: SONNET, EMBED_MODELS: COHERE, PROXY_MAX_TOKENS_LIMIT: '4096' },
    });
  });
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  it('seed 6.1: a sync chat sends the Anthropic body to InvokeModel as-is', async () => {
    for (const path of ['/chat', '/api/v1/proxy/chat']) {
      h.reset();
      const res = await post(path, SEED_SYNC).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        answer: 'Emulated reply to: 解释 DevOps 概念',
        usage: { input_tokens: expect.any(Number), output_tokens: 6 },
        model: SONNET,
        stop_reason: 'end_turn',
      });
      expect(requests()).toHaveLength(1);
      expect(requests()[0]).toMatchObject({ operation: 'invoke', modelId: SONNET });
      expect(requests()[0].body).toEqual(SEED_SYNC.payload);
    }
  });

  it('seed 6.2: a streamed chat is NDJSON, one line per chunk, then one final line', async () => {
    const s = await NdjsonStream.open(`${h.t.url}/chat`, SEED_STREAM);
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(s.headers['cache-control']).toBe('no-cache');
    expect(s.headers['x-accel-buffering']).toBe('no');
    const lines = await s.collect();
    const chunks = lines.slice(0, -1);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((l) => l.is_final === false && typeof l.text === 'string')).toBe(true);
    expect(chunks.map((l) => l.text).join('')).toBe('Emulated reply to: 写一段关于机器学习的介绍');
    expect(lines.at(-1)).toEqual({
      text: '',
      is_final: true,
      usage: { input_tokens: expect.any(Number), output_tokens: 4 },
      stop_reason: 'end_turn',
      model: SONNET,
    });
    expect(s.raw.endsWith('\n')).toBe(true);
    expect(requests()[0]).toMatchObject({ operation: 'invoke-with-response-stream' });
    expect(requests()[0].body).toEqual({ ...SEED_STREAM.payload });
  });

  it('seed 6.3: embeds a string; a repeat is served from the cache', async () => {
    const first = await post('/chat', SEED_EMBED).expect(200);
    expect(first.body).toEqual({
      embedding: expect.any(Array),
      dimensions: 1024,
      model: TITAN,
    });
    expect(first.body.embedding).toHaveLength(1024);
    expect(requests().map((r) => r.body)).toEqual([
      { inputText: '这是一个测试句子', dimensions: 1024, normalize: true },
    ]);

    const again = await post('/chat', SEED_EMBED).expect(200);
    expect(again.body).toEqual(first.body);
    expect(requests()).toHaveLength(1); // no upstream call
    const metrics = await request(h.t.url).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/embedding_cache_lookups_total\{result="hit"\} [1-9]/);

    await post('/chat', { ...SEED_EMBED, dimensions: 256 }).expect(200);
    expect(requests()).toHaveLength(2); // other options, other cache entry
  });

  it('embeds arrays; /api/v1/embeddings shares the use case and the cache', async () => {
    const seed = await post('/chat', { mode: 'embed', text: ['alpha', 'beta'], dimensions: 512 });
    expect(seed.status).toBe(200);
    expect(seed.body.embeddings).toHaveLength(2);
    expect(seed.body).toMatchObject({ dimensions: 512, model: TITAN });
    const resource = await post('/api/v1/embeddings', {
      input: ['beta', 'gamma', 'beta'],
      dimensions: 512,
    }).expect(200);
    expect(resource.body).toMatchObject({
      model: TITAN,
      dimensions: 512,
      usage: { cachedTexts: 2 },
    });
    expect(resource.body.data.map((d: { index: number }) => d.index)).toEqual([0, 1, 2]);
    expect(resource.body.data[0].embedding).toEqual(seed.body.embeddings[1]);
    expect(requests().map((r) => (r.body as { inputText: string }).inputText)).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
    const cohere = await post('/api/v1/embeddings', { input: 'hola', model: COHERE }).expect(200);
    expect(cohere.body.data).toHaveLength(1);
  });

  it('models must be allowed (LLM_MODELS, EMBED_MODELS): 400 with the allowed list', async () => {
    const chat = await post('/chat', { ...SEED_SYNC, model: 'anthropic.claude-v2' }).expect(400);
    expect(chat.body.error).toMatchObject({
      code: 'model_not_allowed',
      details: { allowed: [HAIKU, SONNET] },
    });
    const embed = await post('/chat', { ...SEED_EMBED, model: 'amazon.titan-embed-g1-text-02' });
    expect(embed.status).toBe(400);
    expect(embed.body.error.details.allowed).toEqual([TITAN, COHERE]);
    expect(requests()).toHaveLength(0);
  });

  it('sends the stream headers before the model answers', async () => {
    // The model's first byte is held far beyond the client's bound on waiting for headers.
    h.emulator!.configure({ firstByteDelayMs: 120_000 });
    const s = await NdjsonStream.open(`${h.t.url}/chat`, SEED_STREAM);
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(s.headers['cache-control']).toBe('no-cache');
    expect(s.headers['x-accel-buffering']).toBe('no');
    expect(s.raw).toBe('');
    s.close();
    const closed = await h.emulator!.waitForClientClose(0, 5000);
    expect(closed).toMatchObject({ operation: 'invoke-with-response-stream', clientClosed: true });
  });

  it('a failure before the first chunk is the one is_final error line of a 200 stream', async () => {
    h.emulator!.script({ fault: { kind: 'throttle', retryAfterSeconds: 1 } });
    const s = await NdjsonStream.open(`${h.t.url}/chat`, SEED_STREAM);
    const lines = await s.collect();
    expect(s.status).toBe(200);
    expect(lines).toEqual([
      { is_final: true, error: { code: 'provider_throttled', message: expect.any(String) } },
    ]);
    h.reset();
    h.emulator!.script({ fault: { kind: 'error', type: 'ServiceUnavailableException' } });
    const json = await post('/chat', SEED_SYNC).expect(503);
    expect(json.body.error).toMatchObject({
      code: 'provider_unavailable',
      requestId: expect.any(String),
    });
  });

  it('a failure after the first chunk ends the stream with one is_final error line', async () => {
    h.emulator!.script({
      fault: { kind: 'mid-stream-exception', afterChunks: 2, type: 'modelStreamErrorException' },
      times: 1,
    });
    const s = await NdjsonStream.open(`${h.t.url}/chat`, SEED_STREAM);
    expect(s.status).toBe(200);
    const lines = await s.collect();
    expect(lines.slice(0, 2).every((l) => l.is_final === false)).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toEqual({
      is_final: true,
      error: { code: 'provider_unavailable', message: expect.any(String) },
    });
    expect(requests()).toHaveLength(1); // a started stream is never repeated
  });

  it('a client that goes away mid-stream aborts the upstream call', async () => {
    h.emulator!.configure({ chunkDelayMs: 50 });
    const long = chatOf(`please ${'word '.repeat(60)}`, { stream: true });
    const s = await NdjsonStream.open(`${h.t.url}/chat`, long);
    await s.take(1);
    s.close();
    const closed = await h.emulator!.waitForClientClose(0, 5000);
    expect(closed).toMatchObject({ operation: 'invoke-with-response-stream', clientClosed: true });
  });
});
