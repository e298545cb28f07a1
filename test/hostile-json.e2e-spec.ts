import request from 'supertest';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

/** `{"metadata":{"a":{"a":...}}}`: `depth` objects inside the body's own. */
const nestedBody = (depth: number) =>
  `{"content":"hi","metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

type Operations = Record<string, Record<string, { requestBody?: unknown }>>;

describe('Deeply nested JSON bodies (e2e)', () => {
  let t: TestApp;
  const user = uniqueUser('deep');
  let conversationId: string;
  let jsonRoutes: [string, string][];

  beforeAll(async () => {
    t = await createTestApp({
      LLM_PROVIDER: 'mock',
      MOCK_TOKEN_DELAY_MS: '0',
      RATE_LIMIT_READ: '100000/60s',
      RATE_LIMIT_CHAT: '100000/60s',
    });
    const created = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', user)
      .send({ title: 'kept' })
      .expect(201);
    conversationId = created.body.id as string;
    const docs = await request(t.url).get('/docs-json').expect(200);
    jsonRoutes = Object.entries(docs.body.paths as Operations).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody)
        .map(([method]): [string, string] => [method, path.replace(/\{[^}]+\}/g, conversationId)]),
    );
  });
  afterAll(() => t.close());

  it('finds the JSON routes (conversations, messages, /chat, chats, embeddings)', () => {
    const paths = jsonRoutes.map(([, path]) => path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/conversations',
        `/api/v1/conversations/${conversationId}/messages`,
        '/chat',
        '/api/v1/chats',
        '/api/v1/embeddings',
      ]),
    );
  });

  it.each([5_000, 10_000])('answers %d levels with 400 on every JSON route', async (depth) => {
    for (const [method, path] of jsonRoutes) {
      const res = await request(t.url)
        [method as 'post' | 'patch' | 'put'](path)
        .set('X-User-Id', user)
        .set('Content-Type', 'application/json')
        .send(nestedBody(depth));
      expect([method, path, res.status, res.body.error?.code]).toEqual([
        method,
        path,
        400,
        'body_too_deep',
      ]);
    }
  });

  it('stores nothing from a refused body', async () => {
    const list = await request(t.url).get('/api/v1/conversations').set('X-User-Id', user);
    expect(list.body.total).toBe(1);
    const messages = await request(t.url)
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set('X-User-Id', user)
      .expect(200);
    expect(messages.body).toEqual([]);
  });

  it('still takes a body nested within the limit', async () => {
    await request(t.url)
      .patch(`/api/v1/conversations/${conversationId}`)
      .set('X-User-Id', user)
      .send({ metadata: JSON.parse(`${'{"a":'.repeat(10)}1${'}'.repeat(10)}`) as object })
      .expect(200);
  });
});
