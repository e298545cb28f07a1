import request from 'supertest';
import { OpenAiFake, startOpenAiFake } from '../apps/bedrock-emulator';
import { NdjsonStream } from './support/ndjson';
import { captureLogs, hs256Token, HS_SECRET, withLogger } from './support/platform-helpers';
import { createTestApp, TestApp } from './support/test-app';

const SONNET = 'anthropic.claude-3-sonnet-20240229-v1:0';
const NO_LIMITS = { RATE_LIMIT_CHAT: '100000/60s', RATE_LIMIT_READ: '100000/60s' };
const SYNC = {
  mode: 'chat',
  model: SONNET,
  payload: {
    anthropic_version: 'bedrock-2023-05-31',
    system: [{ type: 'text', text: 'Answer briefly.' }],
    messages: [{ role: 'user', content: [{ type: 'text', text: '解释 DevOps 概念' }] }],
    max_tokens: 256,
    temperature: 0.5,
    top_k: 40,
    stop_sequences: ['\n\nHuman:'],
  },
};
const STREAM = { ...SYNC, stream: true };
const EMBED = { mode: 'embed', model: 'amazon.titan-embed-text-v2:0', text: '这是一个测试句子' };

/** The same three requests answer in the same shapes whichever provider translates them. */
async function expectSameShapes(t: TestApp, answer: (text: string) => void): Promise<void> {
  const sync = await request(t.url).post('/chat').send(SYNC).expect(200);
  expect(sync.body).toEqual({
    answer: expect.any(String),
    usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    model: SONNET,
    stop_reason: 'end_turn',
  });
  answer(sync.body.answer);
  const s = await NdjsonStream.open(`${t.url}/chat`, STREAM);
  expect(s.headers['content-type']).toMatch(/^application\/x-ndjson/);
  const lines = await s.collect();
  expect(
    lines
      .slice(0, -1)
      .map((l) => l.text)
      .join(''),
  ).toBe(sync.body.answer);
  expect(lines.at(-1)).toMatchObject({ text: '', is_final: true, stop_reason: 'end_turn' });
  const embed = await request(t.url).post('/chat').send(EMBED).expect(200);
  expect(embed.body).toMatchObject({ dimensions: 1024, model: EMBED.model });
}

describe('The proxy through the translated path', () => {
  it('mock provider: the seed requests answer in the same shapes', async () => {
    const t = await createTestApp({
      LLM_PROVIDER: 'mock',
      MOCK_TOKEN_DELAY_MS: '0',
      LLM_MODELS: SONNET,
      ...NO_LIMITS,
    });
    try {
      await expectSameShapes(t, (answer) => {
        expect(answer).toContain('[mock reply]');
        expect(answer).toContain('解释 DevOps 概念');
      });
    } finally {
      await t.close();
    }
  });

  describe('openai-compatible provider (the fake server)', () => {
    let fake: OpenAiFake;
    let t: TestApp;
    beforeAll(async () => {
      fake = await startOpenAiFake();
      t = await createTestApp({
        LLM_PROVIDER: 'openai-compatible',
        OPENAI_BASE_URL: fake.url,
        LLM_MODELS: SONNET,
        ...NO_LIMITS,
      });
    });
    afterAll(async () => {
      await t?.close();
      await fake?.close();
    });
    beforeEach(() => fake.reset());

    it('translates the Anthropic payload to chat completions and answers in the same shapes', async () => {
      await expectSameShapes(t, (answer) =>
        expect(answer).toBe('Emulated reply to: 解释 DevOps 概念'),
      );
      const [sync, stream, embed] = fake.requests;
      expect(sync.body).toEqual({
        model: SONNET,
        messages: [
          { role: 'system', content: 'Answer briefly.' },
          { role: 'user', content: '解释 DevOps 概念' },
        ],
        max_tokens: 256,
        temperature: 0.5,
        stop: ['\n\nHuman:'],
        stream: false,
      });
      expect(stream.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
      expect(embed).toMatchObject({ route: 'embeddings', body: { input: ['这是一个测试句子'] } });
    });

    it('a mid-stream drop ends the NDJSON with an error line; a client leaving closes upstream', async () => {
      fake.script({ fault: { kind: 'drop-connection', afterChunks: 2 }, times: 1 });
      const broken = await NdjsonStream.open(`${t.url}/chat`, STREAM);
      const lines = await broken.collect();
      expect(lines).toHaveLength(3);
      expect(lines[2]).toMatchObject({ is_final: true, error: { code: 'provider_unavailable' } });

      fake.reset();
      fake.configure({ chunkDelayMs: 50 });
      const leaving = await NdjsonStream.open(`${t.url}/chat`, STREAM);
      await leaving.take(1);
      leaving.close();
      expect(await fake.waitForClientClose(0, 5000)).toMatchObject({ clientClosed: true });
    });
  });
});

describe('Platform rules on the proxy routes', () => {
  it('AUTH_MODE=jwt: /chat and /api/v1/embeddings need a bearer token', async () => {
    const t = await createTestApp({
      LLM_PROVIDER: 'mock',
      AUTH_MODE: 'jwt',
      JWT_SECRET: HS_SECRET,
      ...NO_LIMITS,
    });
    try {
      const denied = await request(t.url).post('/chat').set('X-User-Id', 'alice').send(EMBED);
      expect(denied.status).toBe(401);
      expect(denied.body.error.code).toBe('unauthorized');
      await request(t.url).post('/api/v1/embeddings').send({ input: 'x' }).expect(401);
      const token = await hs256Token({ sub: 'alice' });
      await request(t.url)
        .post('/chat')
        .set('Authorization', `Bearer ${token}`)
        .send({ ...EMBED, model: undefined })
        .expect(200);
    } finally {
      await t.close();
    }
  });

  it('the chat rate limit counts proxy calls; the access log names model and tokens', async () => {
    const logs = captureLogs();
    const t = await createTestApp(
      { LLM_PROVIDER: 'mock', MOCK_TOKEN_DELAY_MS: '0', RATE_LIMIT_CHAT: '2/60s' },
      withLogger(logs),
    );
    try {
      const chat = {
        mode: 'chat',
        payload: { messages: [{ role: 'user', content: 'hi' }], max_tokens: 50 },
      };
      await request(t.url).post('/chat').set('X-User-Id', 'rl-user').send(chat).expect(200);
      await request(t.url)
        .post('/api/v1/embeddings')
        .set('X-User-Id', 'rl-user')
        .send({ input: 'x' })
        .expect(200);
      const limited = await request(t.url).post('/chat').set('X-User-Id', 'rl-user').send(chat);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await logs.waitFor(() => logs.access('/chat').length >= 2);
      expect(logs.access('/chat')[0]).toMatchObject({
        status: 200,
        proxyMode: 'chat',
        model: 'anthropic.claude-3-haiku-20240307-v1:0',
        inputTokens: expect.any(Number),
        outputTokens: expect.any(Number),
        stopReason: 'end_turn',
        userId: 'rl-user',
      });
    } finally {
      await t.close();
    }
  });
});

describe('OpenAPI document of the proxy routes', () => {
  it('documents /chat, /api/v1/proxy/chat and /api/v1/embeddings with examples', async () => {
    const t = await createTestApp({ LLM_PROVIDER: 'mock' });
    try {
      const doc = (await request(t.url).get('/docs-json').expect(200)).body;
      for (const path of ['/chat', '/api/v1/proxy/chat']) {
        const op = doc.paths[path].post;
        expect(Object.keys(op.requestBody.content['application/json'].examples)).toEqual([
          'chat',
          'stream',
          'embed',
        ]);
        expect(op.responses['200'].content['application/x-ndjson'].example).toContain('is_final');
        expect(Object.keys(op.responses)).toEqual(
          expect.arrayContaining(['400', '401', '429', '502', '503', '504']),
        );
      }
      const embeddings = doc.paths['/api/v1/embeddings'].post;
      expect(Object.keys(embeddings.requestBody.content['application/json'].examples)).toEqual([
        'one',
        'batch',
      ]);
      expect(doc.components.schemas.EmbeddingsResponseDto).toBeDefined();
      expect(doc.components.schemas.ProxyChatResponseDto.properties.stop_reason).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
