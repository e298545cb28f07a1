import request from 'supertest';
import {
  asUser,
  conversationPath as conversation,
  Fixture,
  messagesPath as messages,
  Method,
  unstorableDetail,
} from './support/hostile-input';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

/** [where, method, path, body, the field the 400 names] */
type UnstorableCase = [string, Method, (f: Fixture) => string, object, string];

const conversations = () => '/api/v1/conversations';
const unstorable = (text: string): UnstorableCase[] => [
  ['a new title', 'post', conversations, { title: text }, 'title'],
  ['a new systemPrompt', 'post', conversations, { systemPrompt: text }, 'systemPrompt'],
  [
    'a nested metadata value',
    'post',
    conversations,
    { metadata: { a: { b: ['ok', text] } } },
    'metadata.a.b[1]',
  ],
  [
    'a metadata key',
    'post',
    conversations,
    { metadata: { a: { [text]: 1 } } },
    'metadata.a (a key)',
  ],
  ['a renamed title', 'patch', conversation, { title: text }, 'title'],
  ['an updated systemPrompt', 'patch', conversation, { systemPrompt: text }, 'systemPrompt'],
  ['updated metadata', 'patch', conversation, { metadata: { note: text } }, 'metadata.note'],
  ['message content (JSON)', 'post', messages, { content: text }, 'content'],
  [
    'message content (SSE)',
    'post',
    (f) => `${messages(f)}?stream=true`,
    { content: text },
    'content',
  ],
  [
    'an edited question',
    'patch',
    (f) => `${messages(f)}/${f.userMessageId}`,
    { content: text },
    'content',
  ],
  ["the seed's message", 'post', () => '/api/v1/chats', { message: text }, 'message'],
];

describe('Text PostgreSQL cannot store: NUL and lone surrogates (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_CHAT: '1000/60s', RATE_LIMIT_READ: '1000/60s' });
  });
  afterAll(() => t.close());

  describe.each([
    ['NUL', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
  ])('%s', (_name, text) => {
    it.each(unstorable(text))(
      'in %s: 400 validation_failed naming the field, nothing stored',
      async (_where, method, path, body, field) => {
        const user = asUser(t, uniqueUser('unstorable'));
        const f = await user.fixture();
        const before = await user.stored();
        const res = await user
          .call(method, path(f), body)
          .set('Accept', 'text/event-stream, application/json');
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 400 });
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body.error).toMatchObject({
          code: 'validation_failed',
          details: [unstorableDetail(field)],
        });
        expect(res.body.error.requestId).toBeTruthy();
        expect(await user.stored()).toEqual(before);
      },
    );
  });

  it('NUL in ?q=, in a path id or in a cursor is a 400 naming the parameter', async () => {
    const user = asUser(t, uniqueUser('reads'));
    const f = await user.fixture();
    const before = await user.stored();
    const refused = async (method: Method, path: string, field: string, body?: object) => {
      const res = await user.call(method, path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error).toMatchObject({
        code: 'validation_failed',
        details: [unstorableDetail(field)],
      });
    };
    await refused('get', '/api/v1/conversations?q=a%00b', 'q');
    await refused('get', '/api/v1/conversations/a%00b', 'id');
    await refused('get', '/api/v1/conversations/a%00b/messages', 'id');
    await refused('get', '/api/v1/conversations/a%00b/export', 'id');
    await refused('patch', '/api/v1/conversations/a%00b', 'id', { title: 'x' });
    await refused('post', '/api/v1/conversations/a%00b/messages', 'id', { content: 'x' });
    await refused(
      'get',
      `/api/v1/conversations/a%00b/messages/${f.assistantMessageId}/stream`,
      'id',
    );
    const cursor = Buffer.from(JSON.stringify([new Date().toISOString(), 'a\u0000b'])).toString(
      'base64url',
    );
    const res = await user.call('get', `/api/v1/conversations?cursor=${cursor}`).expect(400);
    expect(res.body.error.code).toBe('invalid_cursor');
    // A lone surrogate cannot travel in a URL: its would-be UTF-8 bytes are never a 500.
    expect((await user.call('get', '/api/v1/conversations?q=%ED%A0%80')).status).toBeLessThan(500);
    expect(await user.stored()).toEqual(before);
  });

  it('documents the refusals as 400 examples in Swagger', async () => {
    const { body: doc } = await request(t.url).get('/docs-json').expect(200);
    const examplesOf = (path: string, verb: string) =>
      doc.paths[path][verb].responses['400'].content['application/json'].examples;
    for (const [path, verb, field] of [
      ['/api/v1/conversations/{id}/messages', 'post', 'content'],
      ['/api/v1/conversations/{id}/messages/{messageId}', 'patch', 'content'],
      ['/api/v1/chats', 'post', 'message'],
      ['/api/v1/conversations/{id}', 'patch', 'title'],
    ]) {
      expect(examplesOf(path, verb).unstorableText.value.error).toMatchObject({
        code: 'validation_failed',
        details: [unstorableDetail(field)],
      });
    }
    expect(examplesOf('/api/v1/conversations/{id}', 'patch').nullValue.value.error.details).toEqual(
      ['metadata must be an object'],
    );
  });
});
