import request from 'supertest';
import { pdfText } from './support/pdf-text';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

/** Text as a PDF gives it back: line breaks and spacing are the layout's, not the text's. */
const squash = (text: string) => text.replace(/\s+/g, '');
/** What a message shows: its text without the ``` fence lines. */
const shown = (content: string) =>
  squash(
    content
      .split('\n')
      .filter((line) => !/^\s*```/.test(line))
      .join('\n'),
  );

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const CHINESE = '请解释一下数据库索引的工作原理，以及为什么它们能加快查询速度。';
const JAPANESE = 'データベースのインデックスはどのように動作しますか？ひらがなとカタカナと漢字。';
const CODE = ['function add(a: number, b: number): number {', '  return a + b; // sum', '}'];
const LONG = '长文本测试，用于分页。'.repeat(400);

describe('PDF export (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MOCK_TOKEN_DELAY_MS: '0' });
  });
  afterAll(() => t.close());

  it('renders title, dates, roles, CJK text and code that extract back, with page numbers', async () => {
    const user = uniqueUser('pdf');
    const as = {
      post: (path: string, body: object) =>
        request(t.url).post(path).set('X-User-Id', user).send(body),
      get: (path: string) => request(t.url).get(path).set('X-User-Id', user),
    };
    const { body: c } = await as
      .post('/api/v1/conversations', { title: '索引の質問 Index question' })
      .expect(201);
    const contents = [
      CHINESE,
      JAPANESE,
      `Here is code:\n\`\`\`ts\n${CODE.join('\n')}\n\`\`\``,
      LONG,
    ];
    const answers: string[] = [];
    for (const content of contents) {
      const { body } = await as
        .post(`/api/v1/conversations/${c.id}/messages`, { content })
        .expect(201);
      answers.push(body.assistantMessage.content);
    }

    const res = await as
      .get(`/api/v1/conversations/${c.id}/export?format=pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="conversation-${c.id}.pdf"`,
    );
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Code is set in the standard monospace font; the CJK font is embedded.
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/Courier/);
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);

    const { text, total } = await pdfText(pdf);
    // Our footers and pdf-parse's page separators sit between a page's text and the next one's.
    const extracted = squash(text).replace(/(Page\d+of\d+)?--\d+of\d+--/g, '');
    expect(extracted).toContain(squash('索引の質問 Index question'));
    for (const content of [CHINESE, JAPANESE, LONG, ...CODE, 'Here is code:'])
      expect(extracted).toContain(squash(content));
    for (const answer of answers) expect(extracted).toContain(shown(answer));
    expect(extracted).not.toContain('```');
    expect(text).toMatch(/User · \d{4}-\d{2}-\d{2}T/);
    expect(text).toMatch(/Assistant/);
    expect(text).toContain(`Created ${c.createdAt}`);
    expect(total).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= total; page++) expect(text).toContain(`Page ${page} of ${total}`);
  });

  it('is 404 for a conversation not the caller’s and 400 for an unknown format', async () => {
    const owner = uniqueUser('pdf-owner');
    const { body: c } = await request(t.url)
      .post('/api/v1/conversations')
      .set('X-User-Id', owner)
      .send({})
      .expect(201);
    await request(t.url)
      .get(`/api/v1/conversations/${c.id}/export?format=pdf`)
      .set('X-User-Id', uniqueUser('other'))
      .expect(404);
    await request(t.url)
      .get(`/api/v1/conversations/${c.id}/export?format=docx`)
      .set('X-User-Id', owner)
      .expect(400);
  });
});
