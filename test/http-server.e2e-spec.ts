import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';
import { withExtraModules } from './support/platform-helpers';
import { PlatformTestModule } from './support/platform-test-routes';
import { openSse } from './support/sse';

/**
 * What the HTTP server (Fastify under Nest) promises beyond the routes: headers on every kind of
 * answer (streams take the raw response over and must keep them), the body types it takes, and
 * the URL forms it routes.
 */
describe('HTTP server contract (e2e)', () => {
  const ORIGIN = 'http://app.test';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(
      {
        LLM_PROVIDER: 'mock',
        MOCK_TOKEN_DELAY_MS: '1',
        ALLOWED_ORIGINS: ORIGIN,
        RATE_LIMIT_CHAT: '1000/60s',
        RATE_LIMIT_READ: '1000/60s',
      },
      withExtraModules([PlatformTestModule]),
    );
  });
  afterAll(() => t.close());

  const expectPlatformHeaders = (headers: Record<string, unknown>, requestId: string) => {
    expect(headers['x-request-id']).toBe(requestId);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(headers['access-control-expose-headers']).toContain('X-RateLimit-Remaining');
  };

  it('keeps request id, security, CORS and rate-limit headers on an SSE answer', async () => {
    const user = uniqueUser('sse-headers');
    const created = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', user)
      .send({})
      .expect(201);
    const stream = await openSse(`${t.url}/api/v1/conversations/${created.body.id}/messages`, {
      method: 'POST',
      headers: { 'X-User-Id': user, 'X-Request-Id': 'sse-headers-1', Origin: ORIGIN },
      body: { content: 'Hello over SSE' },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    expectPlatformHeaders(stream.headers, 'sse-headers-1');
    expect(stream.headers['x-ratelimit-limit']).toBe('1000');
    expect(Number(stream.headers['x-ratelimit-remaining'])).toBeLessThan(1000);
    const events = await stream.collect();
    expect(events.at(-1)?.event).toBe('message.end');
  });

  it('keeps them on a raw NDJSON stream and on a JSON answer', async () => {
    const fromBrowser = async (path: string, requestId: string) => {
      const res = await request(t.url)
        .get(path)
        .set('X-Request-Id', requestId)
        .set('Origin', ORIGIN)
        .expect(200);
      expectPlatformHeaders(res.headers, requestId);
      return res;
    };
    const streamed = await fromBrowser('/test-platform/stream?chunks=2', 'ndjson-headers-1');
    expect(streamed.text.trim().split('\n')).toHaveLength(3);
    const json = await fromBrowser('/api/v1/conversations', 'json-headers-1');
    expect(json.headers['x-ratelimit-limit']).toBe('1000');
  });

  it('takes JSON bodies only: other types get 415, an empty JSON body is {}', async () => {
    const user = uniqueUser('bodies');
    const text = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', user)
      .set('Content-Type', 'text/plain')
      .send('{"title":"typed as text"}')
      .expect(415);
    expect(text.body.error).toMatchObject({
      code: 'unsupported_media_type',
      requestId: expect.any(String),
    });
    const form = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', user)
      .type('form')
      .send('title=form')
      .expect(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    const empty = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', user)
      .set('Content-Type', 'application/json')
      .expect(201);
    expect(empty.body.title).toBeNull();
    const list = await request(t.url).get('/api/v1/conversations').set('X-User-Id', user);
    expect(list.body.total).toBe(1);
  });

  it('refuses prototype poisoning as malformed JSON', async () => {
    const res = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', uniqueUser('proto'))
      .set('Content-Type', 'application/json')
      .send('{"title":"x","__proto__":{"admin":true}}')
      .expect(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  it('answers 413 in the envelope from the declared length, before reading the body', async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${t.url}/api/v1/conversations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"title":"');
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body).error.code).toBe('payload_too_large');
  });

  it('routes a trailing slash and long ids to the service, which answers them', async () => {
    await request(t.url).get('/health/').expect(200);
    const user = uniqueUser('slash');
    await request(t.url).get('/api/v1/conversations/').set('X-User-Id', user).expect(200);
    const longId = `c${'x'.repeat(200)}`;
    const res = await request(t.url)
      .get(`/api/v1/conversations/${longId}`)
      .set('X-User-Id', user)
      .expect(404);
    // The service's own answer, not the router's "Cannot GET".
    expect(res.body.error.code).toBe('conversation_not_found');
    const unknown = await request(t.url).get('/no/such/route').expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
  });

  it('documents 413 and 415 on every operation that takes a body', async () => {
    const docs = await request(t.url).get('/docs-json').expect(200);
    const paths = docs.body.paths as Record<
      string,
      Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>
    >;
    const withBody = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody)
        .map(([method, operation]) => [`${method} ${path}`, Object.keys(operation.responses)]),
    );
    expect(withBody.length).toBeGreaterThanOrEqual(8);
    for (const [operation, statuses] of withBody) {
      expect([operation, statuses]).toEqual([operation, expect.arrayContaining(['413', '415'])]);
    }
  });
});
