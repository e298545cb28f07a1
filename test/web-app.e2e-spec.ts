import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import {
  launchChromium,
  newContext,
  screenshot,
  watchedPage,
  WatchedPage,
} from './browser/browser';
import { buildWebApp, gzippedJavaScriptBytes, WEB_APP_JS_BUDGET_BYTES } from './browser/web-build';
import { HS_SECRET, hs256Token } from './support/platform-helpers';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

/**
 * The chat web app (apps/web) in a real Chromium against the real API, the mock model slowed so
 * answers visibly stream. Every test fails on a console error, an uncaught exception or a
 * failed request it did not expect.
 */
describe('Chat web app in Chromium (e2e)', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'web-build-'));
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    buildWebApp(webDir);
    t = await createTestApp({
      WEB_APP_DIR: webDir,
      LLM_PROVIDER: 'mock',
      MOCK_TOKEN_DELAY_MS: '100',
      LLM_MAX_ATTEMPTS: '1',
      STREAM_ON_DISCONNECT: 'continue',
      RATE_LIMIT_CHAT: '3/60s',
      RATE_LIMIT_READ: '100000/60s',
      LLM_MODEL_ID: 'mock-small',
      LLM_MODELS: 'mock-small,mock-large',
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    context = await newContext(browser);
    watched = await watchedPage(context);
    page = watched.page;
  });

  afterEach(async () => {
    const problems = [...watched.problems];
    await context.close();
    expect(problems).toEqual([]);
  });

  const api = (user: string) => ({
    get: (path: string) => request(t.url).get(path).set('X-User-Id', user),
    post: (path: string, body: object) =>
      request(t.url).post(path).set('X-User-Id', user).send(body),
  });

  async function signIn(user: string): Promise<void> {
    await page.goto(t.url);
    await page.getByLabel('Your name').fill(user);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Message', { exact: true }).waitFor();
  }

  async function ask(question: string): Promise<void> {
    await page.getByLabel('Message', { exact: true }).fill(question);
    await page.getByLabel('Message', { exact: true }).press('Enter');
  }

  const answers = () => page.locator('article.message.assistant');
  const streamingAnswer = () => page.locator('article.message.assistant[data-status="streaming"]');

  /** Waits until the streaming answer shows at least `words` words; returns its text. */
  async function whileStreaming(words: number): Promise<string> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const text =
        (await streamingAnswer().locator('.answer').textContent({ timeout: 15_000 })) ?? '';
      if (text.trim().split(/\s+/).length >= words) return text;
      if (Date.now() > deadline) throw new Error(`the answer stayed at "${text}"`);
      await page.waitForTimeout(30);
    }
  }

  async function answered(): Promise<void> {
    await page.getByRole('button', { name: 'Send', exact: true }).waitFor({ timeout: 20_000 });
    await page
      .locator('article[data-status="streaming"], article[data-status="sending"]')
      .first()
      .waitFor({ state: 'detached', timeout: 20_000 });
  }

  it('signs in, picks a model, streams an answer as Markdown with highlighted code, never runs its HTML, exports it', async () => {
    await signIn(uniqueUser('web'));
    await screenshot(page, '01-empty');
    // The model picker lists GET /api/v1/models, the default first chosen; the answer uses the pick.
    const picker = page.getByLabel('Model', { exact: true });
    expect(await picker.inputValue()).toBe('mock-small');
    expect(await picker.locator('option').allTextContents()).toEqual(['mock-small', 'mock-large']);
    await picker.selectOption('mock-large');
    const question =
      'Show a **bold** word and code:\n```js\nconst answer = 42;\n```\nand <img src="x" onerror="window.__xss = 1"> as text';
    await ask(question);

    const partial = await whileStreaming(4);
    await screenshot(page, '02-streaming');
    await answered();
    const answer = answers().last();
    const full = (await answer.locator('.answer').textContent()) ?? '';
    expect(full.length).toBeGreaterThan(partial.length);
    expect(full).toContain('[mock reply] You said:');
    expect(await answer.getAttribute('data-status')).toBe('complete');
    expect(await answer.locator('.model').textContent()).toBe('mock-large');
    expect(await answer.locator('strong').first().textContent()).toBe('bold');
    expect(await answer.locator('code.hljs .hljs-keyword').first().textContent()).toBe('const');
    expect(await answer.locator('img').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();

    // The conversation is in the list, titled from the question, and in the address.
    await page.locator('.conversation.current').waitFor();
    expect(page.url()).toMatch(/\/c\/[0-9a-f-]{36}$/);
    await page.getByText(/^Today: 1 answer, \d+ tokens in, \d+ out, \$\d+\.\d{4}$/).waitFor();
    await screenshot(page, '03-answer');

    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Markdown' }).click(),
    ]);
    expect(markdown.suggestedFilename()).toMatch(/^conversation-.+\.md$/);
    const text = readFileSync((await markdown.path())!, 'utf8');
    expect(text).toContain('const answer = 42;');
    expect(text).toContain('## Assistant');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(exported.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
  }, 60_000);

  it('stops an answer: the partial text stays, marked stopped', async () => {
    const user = uniqueUser('web');
    await signIn(user);
    await ask(`Please write a long answer about ${'many words '.repeat(15)}`);
    await whileStreaming(5);
    await page.getByRole('button', { name: 'Stop' }).click();
    await answered();
    const answer = answers().last();
    await answer.getByText('Stopped').waitFor();
    expect(await answer.getAttribute('data-status')).toBe('cancelled');
    const shown = ((await answer.locator('.answer').textContent()) ?? '').trim();
    expect(shown).toContain('[mock reply]');
    expect(shown).not.toContain('messages of context');
    await screenshot(page, '04-stopped');

    const conversationId = page.url().split('/c/')[1];
    const stored = (
      await api(user).get(`/api/v1/conversations/${conversationId}/messages`).expect(200)
    ).body;
    expect(stored[1]).toMatchObject({ status: 'cancelled' });
  }, 60_000);

  it('regenerates an answer and switches between the versions with ‹ and ›', async () => {
    await signIn(uniqueUser('web'));
    await ask('first question');
    await answered();
    const firstId = await answers().last().getAttribute('data-message-id');

    await answers().last().getByRole('button', { name: 'Regenerate' }).click();
    await whileStreaming(2);
    await answered();
    const answer = answers().last();
    const secondId = await answer.getAttribute('data-message-id');
    expect(secondId).not.toBe(firstId);
    expect(await answer.locator('.version-count').textContent()).toBe('2 / 2');
    await screenshot(page, '05-branches');

    const activated = () => page.waitForResponse((res) => res.url().endsWith('/activate'));
    await Promise.all([
      activated(),
      answer.getByRole('button', { name: 'Previous version' }).click(),
    ]);
    expect(await answers().last().getAttribute('data-message-id')).toBe(firstId);
    expect(await answers().last().locator('.version-count').textContent()).toBe('1 / 2');
    // The version shown is the active branch on the server too: a reload keeps it.
    await page.reload();
    await answers().last().locator('.version-count').waitFor();
    expect(await answers().last().getAttribute('data-message-id')).toBe(firstId);
    await Promise.all([
      activated(),
      answers().last().getByRole('button', { name: 'Next version' }).click(),
    ]);
    expect(await answers().last().getAttribute('data-message-id')).toBe(secondId);
  }, 60_000);

  it('edits a question: a new branch with its own answer, the original one step back', async () => {
    await signIn(uniqueUser('web'));
    await ask('original question words');
    await answered();

    const question = page.locator('article.message.user').last();
    await question.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Edit your question').fill('edited question words');
    await page.getByRole('button', { name: 'Save and ask' }).click();
    await whileStreaming(2);
    await answered();
    expect(await answers().last().locator('.answer').textContent()).toContain(
      'edited question words',
    );
    const edited = page.locator('article.message.user').last();
    expect(await edited.locator('.version-count').textContent()).toBe('2 / 2');
    await screenshot(page, '06-edited');

    await edited.getByRole('button', { name: 'Previous version' }).click();
    expect(
      await page.locator('article.message.user').last().locator('.question').textContent(),
    ).toBe('original question words');
    expect(await answers().last().locator('.answer').textContent()).toContain(
      'original question words',
    );
  }, 60_000);

  it('lists conversations newest first, renames one and deletes another', async () => {
    const user = uniqueUser('web');
    const groceries = (
      await api(user).post('/api/v1/conversations', { title: 'Groceries' }).expect(201)
    ).body;
    const holiday = (
      await api(user).post('/api/v1/conversations', { title: 'Holiday plans' }).expect(201)
    ).body;
    await signIn(user);
    const titles = () => page.locator('.conversation .open').allTextContents();
    await page.getByRole('button', { name: 'Groceries', exact: true }).waitFor();
    expect(await titles()).toEqual(['Holiday plans', 'Groceries']);

    await page.getByRole('button', { name: 'Rename Groceries' }).click();
    await page.getByLabel('New title for Groceries').fill('Shopping list');
    await page.getByLabel('New title for Groceries').press('Enter');
    await page.getByRole('button', { name: 'Shopping list', exact: true }).waitFor();
    expect(
      (await api(user).get(`/api/v1/conversations/${groceries.id}`).expect(200)).body.title,
    ).toBe('Shopping list');

    await page.getByRole('button', { name: 'Delete Holiday plans' }).click();
    await page
      .getByRole('group', { name: 'Delete Holiday plans?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page
      .getByRole('button', { name: 'Holiday plans', exact: true })
      .waitFor({ state: 'detached' });
    expect(await titles()).toEqual(['Shopping list']);
    await api(user).get(`/api/v1/conversations/${holiday.id}`).expect(404);
  }, 60_000);

  it('searches the conversation list', async () => {
    const user = uniqueUser('web');
    for (const title of ['Apple pie recipe', 'Banana bread', 'Apple crumble']) {
      await api(user).post('/api/v1/conversations', { title }).expect(201);
    }
    await signIn(user);
    const titles = () => page.locator('.conversation .open').allTextContents();
    await page.getByRole('button', { name: 'Banana bread', exact: true }).waitFor();
    await page.getByLabel('Search conversations').fill('apple');
    await page
      .getByRole('button', { name: 'Banana bread', exact: true })
      .waitFor({ state: 'detached' });
    expect(await titles()).toEqual(['Apple crumble', 'Apple pie recipe']);
    await page.getByLabel('Search conversations').fill('zucchini');
    await page.getByText('No conversation matches.').waitFor();
    await page.getByLabel('Search conversations').fill('');
    await page.getByRole('button', { name: 'Banana bread', exact: true }).waitFor();
    expect(await titles()).toHaveLength(3);
  }, 60_000);

  it("shares a conversation by a link anyone can read, stops sharing it, and shows today's cost", async () => {
    const user = uniqueUser('web');
    await signIn(user);
    await ask('Something worth sharing');
    await answered();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const link = page.getByRole('status', { name: 'Share link' }).getByRole('link');
    const url = new URL((await link.textContent()) ?? '');
    expect(url.origin).toBe(t.url);
    await screenshot(page, '10-shared');
    // Read without any credentials: the snapshot's title and messages.
    const shared = await request(t.url).get(url.pathname).expect(200);
    expect(shared.body.title).toBe('Something worth sharing');
    expect(JSON.stringify(shared.body)).not.toContain(user);
    await page.getByRole('button', { name: 'Stop sharing' }).click();
    await page.getByRole('status', { name: 'Share link' }).waitFor({ state: 'detached' });
    await request(t.url).get(url.pathname).expect(404);
    // Today's usage in the list's footer carries the cost in US dollars.
    await page.locator('.usage', { hasText: /\$\d+\.\d{4}/ }).waitFor();
  }, 60_000);

  it('after a reload during an answer, re-attaches with Last-Event-ID and shows the whole answer', async () => {
    const user = uniqueUser('web');
    await signIn(user);
    const reattaches: (string | undefined)[] = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/stream')) reattaches.push(req.headers()['last-event-id']);
    });
    await ask(`tell me a story about ${'dragons and castles '.repeat(8)}`);
    const before = await whileStreaming(5);
    await page.reload();

    // The text held before the reload is shown at once, and the answer goes on from there.
    const resumed = streamingAnswer().locator('.answer');
    await resumed.waitFor({ timeout: 10_000 });
    expect(((await resumed.textContent()) ?? '').startsWith(before.trim().slice(0, 20))).toBe(true);
    await answered();
    expect(Number(reattaches[0])).toBeGreaterThan(0);

    const conversationId = page.url().split('/c/')[1];
    const stored = (
      await api(user).get(`/api/v1/conversations/${conversationId}/messages`).expect(200)
    ).body;
    expect(stored[1].status).toBe('complete');
    const shown = (await answers().last().locator('.answer').textContent()) ?? '';
    expect(shown.replace(/\s+/g, ' ').trim()).toBe(stored[1].content.replace(/\s+/g, ' ').trim());
  }, 60_000);

  it('says in words when the rate limit refuses a question (with its wait) and when the provider fails (with its code)', async () => {
    const user = uniqueUser('web');
    const conversation = (
      await api(user).post('/api/v1/conversations', { title: 'Busy' }).expect(201)
    ).body;
    await signIn(user);
    await ask('[mock:unavailable] are you there?');
    await page
      .getByRole('alert')
      .getByText(/The model provider failed \(provider_unavailable\)/)
      .waitFor();
    await answers()
      .last()
      .getByText(/Failed: .*\(provider_unavailable\)/)
      .waitFor();

    // Two more questions spend the limit of three per minute; the next is refused.
    await Promise.all(
      ['one', 'two'].map((content) =>
        api(user)
          .post(`/api/v1/conversations/${conversation.id}/messages`, { content })
          .expect(201),
      ),
    );
    watched.allow(/status of 429/);
    await ask('one question too many');
    const alert = page.getByRole('alert');
    await alert
      .getByText(/You are sending too fast\. Try again in \d+ s\. \(rate_limited\)/)
      .waitFor();
    // The refused question is back in the box, to send again later.
    await page.waitForFunction(
      'document.getElementById("composer-input").value === "one question too many"',
    );
    await screenshot(page, '07-rate-limited');
  }, 60_000);

  it("works at a phone's width: the list opens from the menu button", async () => {
    await context.close();
    context = await newContext(browser, true);
    watched = await watchedPage(context);
    page = watched.page;
    const user = uniqueUser('web');
    await api(user).post('/api/v1/conversations', { title: 'On the go' }).expect(201);
    await signIn(user);
    const item = page.getByRole('button', { name: 'On the go', exact: true });
    expect(await item.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Conversations' }).click();
    await item.click();
    await page.getByRole('heading', { name: 'On the go' }).waitFor();
    await ask('hello from a phone');
    await answered();
    expect(await answers().count()).toBe(1);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, '08-phone');

    // A new chat from the list: an empty page at /.
    await page.getByRole('button', { name: 'Conversations' }).click();
    await page.getByRole('button', { name: '+ New chat' }).click();
    await page.getByRole('heading', { name: 'New chat' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('article.message').count()).toBe(0);
  }, 60_000);

  it('with AUTH_MODE=jwt asks for a token, kept for the tab only; a refused one brings the form back', async () => {
    const jwt = await createTestApp({
      WEB_APP_DIR: webDir,
      LLM_PROVIDER: 'mock',
      MOCK_TOKEN_DELAY_MS: '20',
      AUTH_MODE: 'jwt',
      JWT_SECRET: HS_SECRET,
      RATE_LIMIT_READ: '100000/60s',
    });
    try {
      // The anonymous probe and the refused token are 401s on purpose.
      watched.allow(/status of 401/);
      await page.goto(jwt.url);
      const field = page.getByLabel('Token or API key');
      await field.fill('not-a-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('alert')
        .getByText(/Sign-in refused \(invalid_token\)/)
        .waitFor();
      await field.fill(await hs256Token({ sub: uniqueUser('jwt') }));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await ask('hello with a token');
      await answered();
      expect(await answers().last().locator('.answer').textContent()).toContain(
        'hello with a token',
      );
      const stored = await page.evaluate(
        '({ session: sessionStorage.getItem("chat:token") !== null, local: Object.keys(localStorage) })',
      );
      expect(stored).toEqual({ session: true, local: [] });
    } finally {
      await context.close();
      await jwt.close();
    }
  }, 60_000);

  it(`sends at most ${WEB_APP_JS_BUDGET_BYTES / 1024} KB of JavaScript, gzipped`, () => {
    const bytes = gzippedJavaScriptBytes(webDir);
    process.stdout.write(`web app JavaScript: ${(bytes / 1024).toFixed(1)} KB gzipped\n`);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(WEB_APP_JS_BUDGET_BYTES);
  });
});
