import {
  asUser,
  conversationPath as conversation,
  Fixture,
  messagesPath as messages,
  Method,
} from './support/hostile-input';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

const CHAT_PAYLOAD = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 20,
  messages: [{ role: 'user', content: 'hi' }],
};
const proxy = (extra: object) => ({ mode: 'chat', payload: CHAT_PAYLOAD, ...extra });
const embed = (extra: object) => ({ mode: 'embed', text: 'x', ...extra });
const ID = /^[0-9a-f-]{36}$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Check = (body: any, f: Fixture) => void;
/** [endpoint and field, method, path, body, status, what the 2xx means (as documented)] */
type NullCase = [string, Method, (f: Fixture) => string, object, number, Check?];

const isNull =
  (key: string): Check =>
  (b) =>
    expect(b[key]).toBeNull();
const answeredBy: Check = (b, f) => expect(b.assistantMessage.model).toBe(f.model);
const answered: Check = (b) => expect(typeof b.answer).toBe('string');
const embedded: Check = (b) =>
  expect((b.embedding ?? b.data[0].embedding).length).toBe(b.dimensions);

const NULL_CASES: NullCase[] = [
  [
    'create id',
    'post',
    () => '/api/v1/conversations',
    { id: null },
    201,
    (b) => expect(b.id).toMatch(ID),
  ],
  ['create title', 'post', () => '/api/v1/conversations', { title: null }, 201, isNull('title')],
  [
    'create systemPrompt',
    'post',
    () => '/api/v1/conversations',
    { systemPrompt: null },
    201,
    isNull('systemPrompt'),
  ],
  ['create model', 'post', () => '/api/v1/conversations', { model: null }, 201, isNull('model')],
  ['create metadata', 'post', () => '/api/v1/conversations', { metadata: null }, 400],
  ['update title', 'patch', conversation, { title: null }, 200, isNull('title')],
  [
    'update systemPrompt',
    'patch',
    conversation,
    { systemPrompt: null },
    200,
    isNull('systemPrompt'),
  ],
  ['update model', 'patch', conversation, { model: null }, 200, isNull('model')],
  ['update metadata', 'patch', conversation, { metadata: null }, 400],
  ['send content', 'post', messages, { content: null }, 400],
  [
    'send clientMessageId',
    'post',
    messages,
    { content: 'x', clientMessageId: null },
    201,
    (b) => expect(b.userMessage.clientMessageId).toBeNull(),
  ],
  ['send model', 'post', messages, { content: 'x', model: null }, 201, answeredBy],
  [
    'send parentId',
    'post',
    messages,
    { content: 'x', parentId: null },
    201,
    (b) => expect(b.userMessage.parentId).toBeNull(),
  ],
  [
    'regenerate model',
    'post',
    (f) => `${messages(f)}/${f.assistantMessageId}/regenerate`,
    { model: null },
    201,
    answeredBy,
  ],
  ['edit content', 'patch', (f) => `${messages(f)}/${f.userMessageId}`, { content: null }, 400],
  [
    'edit model',
    'patch',
    (f) => `${messages(f)}/${f.userMessageId}`,
    { content: 'y', model: null },
    201,
    answeredBy,
  ],
  ['seed message', 'post', () => '/api/v1/chats', { message: null }, 400],
  [
    'seed chat_id',
    'post',
    () => '/api/v1/chats',
    { message: 'x', chat_id: null },
    200,
    (b) => expect(b.chat_id).toMatch(ID),
  ],
  [
    'seed message_uid',
    'post',
    () => '/api/v1/chats',
    { message: 'x', message_uid: null },
    200,
    (b) => expect(b.message_uid).toMatch(ID),
  ],
  ['proxy mode', 'post', () => '/chat', proxy({ mode: null }), 200, answered],
  [
    'proxy model',
    'post',
    () => '/chat',
    proxy({ model: null }),
    200,
    (b, f) => expect(b.model).toBe(f.model),
  ],
  ['proxy payload', 'post', () => '/chat', proxy({ payload: null }), 400],
  ['proxy stream', 'post', () => '/chat', proxy({ stream: null }), 200, answered],
  ['proxy text', 'post', () => '/chat', proxy({ text: null }), 200, answered],
  ['proxy dimensions', 'post', () => '/chat', embed({ dimensions: null }), 200, embedded],
  ['proxy normalize', 'post', () => '/chat', embed({ normalize: null }), 200, embedded],
  ['embeddings input', 'post', () => '/api/v1/embeddings', { input: null }, 400],
  [
    'embeddings model',
    'post',
    () => '/api/v1/embeddings',
    { input: 'x', model: null },
    200,
    embedded,
  ],
  [
    'embeddings dimensions',
    'post',
    () => '/api/v1/embeddings',
    { input: 'x', dimensions: null },
    200,
    embedded,
  ],
  [
    'embeddings normalize',
    'post',
    () => '/api/v1/embeddings',
    { input: 'x', normalize: null },
    200,
    embedded,
  ],
];

describe('null in every nullable-looking field of every write (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_CHAT: '1000/60s', RATE_LIMIT_READ: '1000/60s' });
  });
  afterAll(() => t.close());

  // One row per case (its name, then the case): Jest would take a trailing parameter for `done`.
  it.each(NULL_CASES.map((c) => [c[0], c] as const))(
    '%s: null means what the API documents, or is a 400 in the envelope',
    async (name, [, method, path, body, status, check]) => {
      const user = asUser(t, uniqueUser('nulls'));
      const f = await user.fixture();
      const before = await user.stored();
      const res = await user.call(method, path(f), body);
      expect({ status: res.status, body: res.body }).toMatchObject({ status });
      if (status === 400) {
        const field = name.split(' ')[1];
        expect(res.body.error).toMatchObject({ code: 'validation_failed' });
        expect(res.body.error.requestId).toBeTruthy();
        expect(JSON.stringify(res.body.error.details)).toContain(field);
        expect(await user.stored()).toEqual(before);
      } else {
        check?.(res.body, f);
      }
    },
  );

  it('metadata: null on PATCH leaves the metadata as it was; {} clears it', async () => {
    const user = asUser(t, uniqueUser('metadata'));
    const f = await user.fixture();
    await user.call('patch', conversation(f), { metadata: null }).expect(400);
    expect((await user.call('get', conversation(f)).expect(200)).body.metadata).toEqual({
      kept: true,
    });
    const cleared = await user.call('patch', conversation(f), { metadata: {} }).expect(200);
    expect(cleared.body.metadata).toEqual({});
  });
});
