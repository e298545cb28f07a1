import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

/** A stand-in for dist/web: what the API does with the files does not depend on their content. */
function fakeWebBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-app-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Chat</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
  return dir;
}

describe('The web app served at / (e2e)', () => {
  const dir = fakeWebBuild();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WEB_APP_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and a conversation link with index.html, not cached', async () => {
    for (const path of ['/', '/c/test-chat-123']) {
      const res = await request(t.url).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('serves the hashed assets for a year, under the same security headers', async () => {
    const res = await request(t.url).get('/assets/index-abc123.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('leaves the API alone: unknown API paths keep the JSON 404 envelope', async () => {
    for (const path of ['/api/v1/nothing-here', '/api/nothing', '/v1/nothing', '/nothing.js']) {
      const res = await request(t.url).get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.error).toMatchObject({ code: 'not_found' });
    }
    await request(t.url).get('/health').expect(200).expect('Content-Type', /json/);
    await request(t.url).get('/docs-json').expect(200).expect('Content-Type', /json/);
    await request(t.url)
      .get('/metrics')
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    await request(t.url).get('/api/v1/models').expect(200).expect('Content-Type', /json/);
    const docs = await request(t.url).get('/docs/').expect(200);
    expect(docs.text).toContain('swagger');
  });

  it('keeps the API refusals of bodies and methods as they were', async () => {
    const tooBig = await request(t.url)
      .post('/api/v1/conversations')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(tooBig.body.error.code).toBeDefined();
    const post = await request(t.url).post('/').send({}).expect(404);
    expect(post.body.error).toMatchObject({ code: 'not_found' });
    const chat = await request(t.url)
      .post('/chat')
      .send({ mode: 'chat', payload: { messages: [], max_tokens: 1 } })
      .expect(400);
    expect(chat.body.error.code).toBe('validation_failed');
  });

  it('WEB_APP_ENABLED=false serves nothing at /', async () => {
    const off = await createTestApp({ WEB_APP_DIR: dir, WEB_APP_ENABLED: 'false' });
    try {
      const res = await request(off.url).get('/').expect(404);
      expect(res.body.error).toMatchObject({ code: 'not_found' });
      await request(off.url).get('/assets/index-abc123.js').expect(404);
    } finally {
      await off.close();
    }
  });

  it('a missing build is no error: the API runs, / is a 404', async () => {
    const missing = await createTestApp({ WEB_APP_DIR: join(dir, 'not-built') });
    try {
      await request(missing.url).get('/').expect(404);
      await request(missing.url).get('/health').expect(200);
    } finally {
      await missing.close();
    }
  });
});
