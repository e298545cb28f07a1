import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ModelPolicy } from '../libs/conversations/application/ports/model-policy';
import { TYPES_PATH } from '../scripts/client-types';
import { takeViolations } from './support/openapi-response-check';
import { createTestApp, TestApp } from './support/test-app';

/** openapi-typescript's API run on `document` in a child process (its ESM dependencies defeat Jest). */
function typesFromDocument(document: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(__dirname, '../scripts/client-types.js')],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(stderr || error.message)) : resolve(stdout),
    );
    child.stdin?.end(JSON.stringify(document));
  });
}

describe('OpenAPI document and the typed client (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('libs/client/api-types.ts is what openapi-typescript makes of the app document (npm run client:generate)', async () => {
    const document = (await request(t.url).get('/docs-json').expect(200)).body as object;
    const committed = readFileSync(join(__dirname, '..', TYPES_PATH), 'utf8');
    expect(await typesFromDocument(document)).toBe(committed);
  });

  it('describes the X-User-Id header as an optional apiKey scheme with AUTH_MODE=none (API keys accepted too)', async () => {
    const document = (await request(t.url).get('/docs-json').expect(200)).body;
    expect(document.components.securitySchemes).toEqual({
      userId: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-User-Id' }),
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
    });
    const list = document.paths['/api/v1/conversations'].get;
    expect(list.security).toEqual([{}, { userId: [] }, { bearer: [] }, { apiKey: [] }]);
    expect(document.paths['/health'].get.security).toBeUndefined();
  });

  it('serves Swagger UI at /docs and /docs/, every asset it references answering 200', async () => {
    for (const path of ['/docs', '/docs/']) {
      const page = await request(t.url).get(path).redirects(1).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const base = new URL(page.redirects.at(-1) ?? `${t.url}${path}`);
      const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(assets.length).toBeGreaterThanOrEqual(3);
      for (const asset of assets) {
        const url = new URL(asset, base);
        const answer = await request(url.origin).get(url.pathname + url.search);
        expect(`${url.pathname} ${answer.status}`).toBe(`${url.pathname} 200`);
        if (url.pathname.endsWith('swagger-ui-init.js'))
          expect(answer.text).toContain('/api/v1/conversations');
      }
    }
  });
});

describe('the OpenAPI response check of e2e apps', () => {
  it('records an answer that strays from the document, and only that one', async () => {
    // A model policy whose default model id is a number, where the document says string.
    const t = await createTestApp({}, (builder) =>
      builder.overrideProvider(ModelPolicy).useValue({ defaultModel: 42, allowedModels: ['m'] }),
    );
    try {
      takeViolations();
      await request(t.url).get('/health').expect(200);
      expect(takeViolations()).toEqual([]);
      await request(t.url).get('/api/v1/models').expect(200);
      expect(takeViolations()).toEqual([
        {
          request: 'GET /api/v1/models (/api/v1/models) -> 200',
          problem: expect.stringContaining('/default must be string'),
        },
      ]);
    } finally {
      await t.close();
    }
  });
});
