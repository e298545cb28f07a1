import OpenAI, { RateLimitError } from 'openai';
import request from 'supertest';
import { captureLogs, withLogger } from './support/platform-helpers';
import { createTestApp, uniqueUser } from './support/test-app';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

/** The official SDK against the app, as any OpenAI client would use it. */
const sdk = (url: string, user = uniqueUser('sdk')): OpenAI =>
  new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: 'unused-in-auth-mode-none',
    maxRetries: 0,
    defaultHeaders: { 'X-User-Id': user },
  });

describe('OpenAI-compatible API: rate limits', () => {
  it('a rate-limited request is the SDK RateLimitError, with Retry-After', async () => {
    const t = await createTestApp({
      LLM_PROVIDER: 'mock',
      MOCK_TOKEN_DELAY_MS: '0',
      LLM_MODEL_ID: HAIKU,
      RATE_LIMIT_CHAT: '2/60s',
    });
    try {
      const client = sdk(t.url);
      const ask = () =>
        client.chat.completions.create({
          model: HAIKU,
          messages: [{ role: 'user', content: 'hi' }],
        });
      await ask();
      await ask();
      const error = await ask().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      const limited = error as RateLimitError;
      expect(Number(limited.headers?.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.error).toEqual({
        message: expect.stringContaining('Too many requests'),
        type: 'rate_limit_error',
        param: null,
        code: 'rate_limit_exceeded',
      });
    } finally {
      await t.close();
    }
  });
});

describe('OpenAI-compatible API: token budget, access log, metrics and OpenAPI', () => {
  it('the token budget refuses as RateLimitError; answers are logged and measured', async () => {
    const logs = captureLogs();
    const t = await createTestApp(
      {
        LLM_PROVIDER: 'mock',
        MOCK_TOKEN_DELAY_MS: '0',
        LLM_MODEL_ID: HAIKU,
        USER_DAILY_TOKEN_LIMIT: '400',
        RATE_LIMIT_CHAT: '100000/60s',
      },
      withLogger(logs),
    );
    try {
      const client = sdk(t.url, 'budget-user');
      await client.chat.completions.create({
        model: HAIKU,
        messages: [{ role: 'user', content: 'hi' }],
      });
      const stream = await client.chat.completions.create({
        model: HAIKU,
        messages: [{ role: 'user', content: 'hi again' }],
        stream: true,
      });
      for await (const chunk of stream) void chunk;
      const refused = await client.chat.completions
        .create({ model: HAIKU, messages: [{ role: 'user', content: 'x'.repeat(2000) }] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RateLimitError);
      expect((refused as RateLimitError).error).toMatchObject({
        type: 'rate_limit_error',
        code: 'token_budget_exceeded',
      });
      expect(Number((refused as RateLimitError).headers?.get('retry-after'))).toBeGreaterThan(0);

      await logs.waitFor(() => logs.access('/v1/chat/completions').length >= 3);
      const [json, streamed, budget] = logs.access('/v1/chat/completions');
      const answered = {
        status: 200,
        api: 'openai',
        model: HAIKU,
        inputTokens: expect.any(Number),
        outputTokens: expect.any(Number),
        stopReason: 'end_turn',
        userId: 'budget-user',
      };
      expect(json).toMatchObject({ ...answered, stream: false });
      expect(streamed).toMatchObject({ ...answered, stream: true });
      expect(budget).toMatchObject({ status: 429, errorCode: 'token_budget_exceeded' });
      const metrics = await request(t.url).get('/metrics').expect(200);
      expect(metrics.text).toMatch(
        /http_request_duration_seconds_count\{[^}]*route="\/v1\/chat\/completions"/,
      );
      expect(metrics.text).toMatch(
        /llm_tokens_total\{[^}]*model="anthropic.claude-3-haiku-20240307-v1:0"/,
      );
    } finally {
      await t.close();
    }
  });

  it('documents every /v1 route with OpenAI error bodies', async () => {
    const t = await createTestApp({ LLM_PROVIDER: 'mock' });
    try {
      const doc = (await request(t.url).get('/docs-json').expect(200)).body;
      const completions = doc.paths['/v1/chat/completions'].post;
      expect(Object.keys(completions.requestBody.content['application/json'].examples)).toEqual([
        'chat',
        'stream',
        'tools',
        'toolResult',
      ]);
      expect(completions.responses['200'].content['text/event-stream'].example).toContain(
        'data: [DONE]',
      );
      for (const [path, method] of [
        ['/v1/chat/completions', 'post'],
        ['/v1/embeddings', 'post'],
        ['/v1/models', 'get'],
        ['/v1/models/{model}', 'get'],
      ]) {
        const op = doc.paths[path][method];
        for (const status of ['401', '429']) {
          expect(op.responses[status].content['application/json'].schema).toEqual({
            $ref: '#/components/schemas/OpenAiErrorDto',
          });
        }
      }
      expect(doc.components.schemas.OpenAiErrorDetailDto.properties.param).toMatchObject({
        type: 'string',
        nullable: true,
      });
    } finally {
      await t.close();
    }
  });
});
