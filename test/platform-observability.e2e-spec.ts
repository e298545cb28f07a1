import { get as httpGet, IncomingMessage } from 'node:http';
import request from 'supertest';
import { gracefulShutdown, ShutdownCoordinator } from '@app/platform';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';
import { captureLogs, LogCapture, withExtraModules, withLogger } from './support/platform-helpers';
import { PlatformTestModule } from './support/platform-test-routes';

const QUIET_LIMITS = { RATE_LIMIT_READ: '100000/60s', RATE_LIMIT_CHAT: '100000/60s' };

/** Opens an NDJSON stream and resolves with the response once its first line arrived. */
function openStream(url: string): Promise<{ res: IncomingMessage; body: () => string }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const req = httpGet(url, { headers: { 'X-User-Id': 'streamer' } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const first = text === '';
        text += chunk;
        if (first) resolve({ res, body: () => text });
      });
    });
    req.on('error', reject);
  });
}

const ended = (res: IncomingMessage) =>
  new Promise<void>((resolve) => (res.readableEnded ? resolve() : res.once('end', resolve)));

describe('Access log, metrics and HTTP defaults (e2e)', () => {
  let t: TestApp;
  let logs: LogCapture;
  beforeAll(async () => {
    logs = captureLogs();
    t = await createTestApp(
      { ...QUIET_LIMITS, MOCK_TOKEN_DELAY_MS: '1', LLM_PROVIDER: 'mock' },
      withExtraModules([PlatformTestModule], withLogger(logs)),
    );
  });
  afterAll(() => t.close());

  it('writes one access line per request, with the route pattern and its final status', async () => {
    const user = uniqueUser('logged');
    await request(t.url)
      .get('/api/v1/conversations/no-such-id')
      .set('X-User-Id', user)
      .set('X-Request-Id', 'access-1')
      .set('Authorization', 'Bearer should-never-be-logged')
      .expect(404);
    await logs.waitFor((lines) => lines.some((l) => l.requestId === 'access-1'));
    const mine = logs.lines.filter((l) => l.requestId === 'access-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/api/v1/conversations/:id',
      status: 404,
      userId: user,
      errorCode: 'conversation_not_found',
      durationMs: expect.any(Number),
    });
    expect(JSON.stringify(logs.lines)).not.toContain('should-never-be-logged');
  });

  it('logs a streamed response once, when the stream ends, with its token counts', async () => {
    const res = await request(t.url)
      .get('/test-platform/stream?chunks=5')
      .set('X-Request-Id', 'stream-1')
      .expect(200);
    expect(res.text.trim().split('\n')).toHaveLength(6);
    await logs.waitFor((lines) => lines.some((l) => l.requestId === 'stream-1'));
    const mine = logs.lines.filter((l) => l.requestId === 'stream-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      route: '/test-platform/stream',
      status: 200,
      model: 'test-model',
      inputTokens: 7,
      outputTokens: 5,
      stopReason: 'end',
    });
    expect(mine[0].aborted).toBeUndefined();
  });

  it('logs a stream the client left once, on close, marked aborted', async () => {
    const { res } = await openStream(`${t.url}/test-platform/stream?endless=true`);
    const requestId = res.headers['x-request-id'];
    res.destroy();
    await logs.waitFor((lines) => lines.some((l) => l.requestId === requestId));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const mine = logs.lines.filter((l) => l.requestId === requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 200, aborted: true });
  });

  it('logs a real SSE answer once, with its final status and tokens', async () => {
    const user = uniqueUser('sse');
    const { body } = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', user)
      .send({})
      .expect(201);
    const res = await request(t.url)
      .post(`/api/v1/conversations/${body.id}/messages?stream=true`)
      .set('X-User-Id', user)
      .set('X-Request-Id', 'sse-1')
      .send({ content: 'Tell me something' })
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => done(null, text));
      })
      .expect(200);
    expect(String(res.body)).toContain('event: message.end');
    await logs.waitFor((lines) => lines.some((l) => l.requestId === 'sse-1'));
    const mine = logs.lines.filter((l) => l.requestId === 'sse-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      method: 'POST',
      route: '/api/v1/conversations/:id/messages',
      status: 200,
      outputTokens: expect.any(Number),
    });
    // Message text stays out of the logs (LOG_CONTENT=false).
    expect(JSON.stringify(logs.lines)).not.toContain('Tell me something');
  });

  it('shows request counters moving in /metrics', async () => {
    const series =
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/conversations",status="200"\} (\d+)$/m;
    const count = async () => {
      const res = await request(t.url).get('/metrics').expect(200);
      expect(res.headers['content-type']).toContain('text/plain');
      return Number(series.exec(res.text)?.[1] ?? 0);
    };
    const before = await count();
    await request(t.url).get('/api/v1/conversations').expect(200);
    await request(t.url).get('/api/v1/conversations').expect(200);
    expect(await count()).toBe(before + 2);
  });

  it('counts open streams', async () => {
    const gauge = async () =>
      Number(/^http_open_streams (\d+)$/m.exec((await request(t.url).get('/metrics')).text)?.[1]);
    const { res } = await openStream(`${t.url}/test-platform/stream?endless=true`);
    expect(await gauge()).toBeGreaterThanOrEqual(1);
    res.destroy();
    const metrics = (await request(t.url).get('/metrics')).text;
    expect(metrics).toContain('db_pool_connections{state="used"}');
  });

  it('sets helmet headers and keeps Swagger UI working under its CSP', async () => {
    const api = await request(t.url).get('/health').expect(200);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['x-powered-by']).toBeUndefined();
    expect(api.headers.etag).toBeUndefined(); // no per-response body hash

    const page = await request(t.url).get('/docs/').expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    // Every script is an external file of our own origin (no inline script for the CSP to block).
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/src=["']\.?\/?[\w./-]+["']/);
      expect(inline.trim()).toBe('');
    }
    expect(page.text).toContain('swagger-ui-init.js');
    const init = await request(t.url).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.headers['content-type']).toContain('javascript');
    expect(init.text).toContain('SwaggerUIBundle');
    await request(t.url).get('/docs/swagger-ui-bundle.js').expect(200);
  });
});

describe('CORS from ALLOWED_ORIGINS (e2e)', () => {
  it.each([
    ['a JSON array', '["http://localhost:5173", "http://app.test"]'],
    ['a comma list', 'http://localhost:5173, http://app.test'],
  ])('accepts %s', async (_form, origins) => {
    const t = await createTestApp({ ...QUIET_LIMITS, ALLOWED_ORIGINS: origins });
    try {
      const preflight = await request(t.url)
        .options('/api/v1/conversations')
        .set('Origin', 'http://app.test')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('http://app.test');
      expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
      const actual = await request(t.url)
        .get('/api/v1/conversations')
        .set('Origin', 'http://localhost:5173')
        .expect(200);
      expect(actual.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(actual.headers['access-control-expose-headers']).toContain('X-Request-Id');
      const foreign = await request(t.url)
        .get('/api/v1/conversations')
        .set('Origin', 'http://evil.test');
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('METRICS_ENABLED=false (e2e)', () => {
  it('hides /metrics', async () => {
    const t = await createTestApp({ ...QUIET_LIMITS, METRICS_ENABLED: 'false' });
    try {
      const res = await request(t.url).get('/metrics').expect(404);
      expect(res.body.error.code).toBe('not_found');
    } finally {
      await t.close();
    }
  });
});

describe('Graceful shutdown (e2e)', () => {
  it('fails readiness while draining', async () => {
    const t = await createTestApp(QUIET_LIMITS);
    try {
      await request(t.url).get('/api/v1/health').expect(200);
      await t.app.get(ShutdownCoordinator).drain(0);
      const res = await request(t.url).get('/api/v1/health').expect(503);
      expect(res.body.error.code).toBe('shutting_down');
      await request(t.url).get('/health').expect(200);
    } finally {
      await t.close();
    }
  });

  it('stops accepting, lets drain hooks end open streams cleanly, then closes', async () => {
    const logs = captureLogs();
    const t = await createTestApp(
      QUIET_LIMITS,
      withExtraModules([PlatformTestModule], withLogger(logs)),
    );
    const { res, body } = await openStream(`${t.url}/test-platform/stream?endless=true`);
    const requestId = res.headers['x-request-id'];
    await gracefulShutdown(t.app, 200);
    await ended(res);
    expect(body().trim().split('\n').at(-1)).toBe('{"error":"shutting_down"}');
    await expect(request(t.url).get('/health')).rejects.toThrow(/ECONNREFUSED/);
    await logs.waitFor((lines) => lines.some((l) => l.requestId === requestId));
    expect(logs.lines.find((l) => l.requestId === requestId)).toMatchObject({ status: 200 });
    expect(logs.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['draining', 'drained']));
  });
});
