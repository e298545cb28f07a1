import { TransactionContext } from '@mikro-orm/core';
import request from 'supertest';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

interface MessageBody {
  id: string;
  role: string;
  content: string;
  parentId: string | null;
  seq: number;
  status: string;
  turnId: string;
}

describe('Branches (edit, regenerate), export and usage (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MOCK_TOKEN_DELAY_MS: '0' });
  });
  afterAll(() => t.close());

  const as = (user: string) => ({
    post: (path: string, body: object = {}) =>
      request(t.url).post(path).set('X-User-Id', user).send(body),
    get: (path: string) => request(t.url).get(path).set('X-User-Id', user),
  });

  it('regenerates an answer as a sibling that becomes the active branch', async () => {
    const u = as(uniqueUser());
    const { body: c } = await u.post('/api/v1/conversations', { title: 'branches' }).expect(201);
    const first = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'first question' })
      .expect(201);
    const old = first.body.assistantMessage as MessageBody;
    const again = await u
      .post(`/api/v1/conversations/${c.id}/messages/${old.id}/regenerate`)
      .expect(201);
    const fresh = again.body.assistantMessage as MessageBody;
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.parentId).toBe(old.parentId);
    expect(fresh.turnId).toBe(old.turnId);
    expect(fresh.status).toBe('complete');
    expect(fresh.seq).toBe(3);

    const active = (await u.get(`/api/v1/conversations/${c.id}/messages`).expect(200))
      .body as MessageBody[];
    expect(active.map((m) => m.id)).toEqual([first.body.userMessage.id, fresh.id]);
    const all = (await u.get(`/api/v1/conversations/${c.id}/messages?all=true`).expect(200))
      .body as MessageBody[];
    expect(all.map((m) => m.id)).toEqual([first.body.userMessage.id, old.id, fresh.id]);

    // The next question continues from the regenerated answer.
    const next = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'second' })
      .expect(201);
    expect(next.body.userMessage.parentId).toBe(fresh.id);

    // Regenerating a user message, or a message of another conversation, is a 404.
    await u
      .post(`/api/v1/conversations/${c.id}/messages/${first.body.userMessage.id}/regenerate`)
      .expect(404);
    await as(uniqueUser())
      .post(`/api/v1/conversations/${c.id}/messages/${old.id}/regenerate`)
      .expect(404);
    await u.post(`/api/v1/conversations/${c.id}/messages/not-a-uuid/regenerate`).expect(400);
  });

  it('edits an earlier question by branching from its parent (parentId)', async () => {
    const u = as(uniqueUser());
    const { body: c } = await u.post('/api/v1/conversations', {}).expect(201);
    const q1 = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'q1' })
      .expect(201);
    await u.post(`/api/v1/conversations/${c.id}/messages`, { content: 'q2' }).expect(201);
    const edited = await u
      .post(`/api/v1/conversations/${c.id}/messages`, {
        content: 'q2 edited',
        parentId: q1.body.assistantMessage.id,
      })
      .expect(201);
    const active = (await u.get(`/api/v1/conversations/${c.id}/messages`).expect(200))
      .body as MessageBody[];
    expect(active.map((m) => (m.content.startsWith('[mock') ? 'answer' : m.content))).toEqual([
      'q1',
      'answer',
      'q2 edited',
      'answer',
    ]);
    expect(active[3].id).toBe(edited.body.assistantMessage.id);
    const all = (await u.get(`/api/v1/conversations/${c.id}/messages?all=true`).expect(200))
      .body as MessageBody[];
    expect(all).toHaveLength(6);
  });

  it('PATCH edits a question into a sibling branch, even the first one; answers cannot be edited', async () => {
    const user = uniqueUser();
    const u = as(user);
    const { body: c } = await u.post('/api/v1/conversations', {}).expect(201);
    const q1 = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'first' })
      .expect(201);
    const edit = await request(t.url)
      .patch(`/api/v1/conversations/${c.id}/messages/${q1.body.userMessage.id}`)
      .set('X-User-Id', user)
      .send({ content: 'first, edited' })
      .expect(201);
    expect(edit.body.userMessage.parentId).toBeNull();
    expect(edit.body.userMessage.content).toBe('first, edited');
    const active = (await u.get(`/api/v1/conversations/${c.id}/messages`).expect(200))
      .body as MessageBody[];
    expect(active.map((m) => m.id)).toEqual([
      edit.body.userMessage.id,
      edit.body.assistantMessage.id,
    ]);
    await request(t.url)
      .patch(`/api/v1/conversations/${c.id}/messages/${q1.body.assistantMessage.id}`)
      .set('X-User-Id', user)
      .send({ content: 'x' })
      .expect(400);
    await request(t.url)
      .patch(`/api/v1/conversations/${c.id}/messages/${q1.body.userMessage.id}`)
      .set('X-User-Id', uniqueUser())
      .send({ content: 'x' })
      .expect(404);
  });

  it('DELETE removes a message and what follows it, and moves the active branch back', async () => {
    const user = uniqueUser();
    const u = as(user);
    const { body: c } = await u.post('/api/v1/conversations', {}).expect(201);
    const q1 = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'keep' })
      .expect(201);
    const q2 = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'drop' })
      .expect(201);
    await u.post(`/api/v1/conversations/${c.id}/messages`, { content: 'drop too' }).expect(201);
    await request(t.url)
      .delete(`/api/v1/conversations/${c.id}/messages/${q2.body.userMessage.id}`)
      .set('X-User-Id', uniqueUser())
      .expect(404);
    await request(t.url)
      .delete(`/api/v1/conversations/${c.id}/messages/${q2.body.userMessage.id}`)
      .set('X-User-Id', user)
      .expect(204);
    const all = (await u.get(`/api/v1/conversations/${c.id}/messages?all=true`).expect(200))
      .body as MessageBody[];
    expect(all.map((m) => m.id)).toEqual([q1.body.userMessage.id, q1.body.assistantMessage.id]);
    const conv = (await u.get(`/api/v1/conversations/${c.id}`).expect(200)).body;
    expect(conv.messageCount).toBe(2);
    const next = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'after delete' })
      .expect(201);
    expect(next.body.userMessage.parentId).toBe(q1.body.assistantMessage.id);
    expect(next.body.userMessage.seq).toBe(7);
    await request(t.url)
      .delete(`/api/v1/conversations/${c.id}/messages/${q2.body.userMessage.id}`)
      .set('X-User-Id', user)
      .expect(404);
  });

  it('exports the active branch as JSON and Markdown attachments', async () => {
    const u = as(uniqueUser());
    const { body: c } = await u
      .post('/api/v1/conversations', { title: 'Export me', systemPrompt: 'Be kind' })
      .expect(201);
    await u.post(`/api/v1/conversations/${c.id}/messages`, { content: 'What is XSS?' }).expect(201);
    const json = await u.get(`/api/v1/conversations/${c.id}/export`).expect(200);
    expect(json.headers['content-disposition']).toContain(`conversation-${c.id}.json`);
    const parsed = JSON.parse(json.text);
    expect(parsed.title).toBe('Export me');
    expect(parsed.messages.map((m: MessageBody) => m.role)).toEqual(['user', 'assistant']);
    const md = await u.get(`/api/v1/conversations/${c.id}/export?format=markdown`).expect(200);
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.text).toContain('# Export me');
    expect(md.text).toContain('## User');
    expect(md.text).toContain('What is XSS?');
    expect(md.text).toContain('> Be kind');
    await u.get(`/api/v1/conversations/${c.id}/export?format=docx`).expect(400);
    await as(uniqueUser()).get(`/api/v1/conversations/${c.id}/export`).expect(404);
  });

  it('reports usage per day and model, only for the caller', async () => {
    const user = uniqueUser();
    const u = as(user);
    const { body: c } = await u.post('/api/v1/conversations', {}).expect(201);
    const a = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'one' })
      .expect(201);
    const b = await u
      .post(`/api/v1/conversations/${c.id}/messages`, { content: 'two' })
      .expect(201);
    const report = (await u.get('/api/v1/usage').expect(200)).body;
    const expectedOutput =
      a.body.assistantMessage.usage.outputTokens + b.body.assistantMessage.usage.outputTokens;
    expect(report.totals.answers).toBe(2);
    expect(report.totals.outputTokens).toBe(expectedOutput);
    expect(report.byDay).toHaveLength(1);
    expect((await as(uniqueUser()).get('/api/v1/usage').expect(200)).body.totals.answers).toBe(0);
    await u.get('/api/v1/usage?from=2026-02-01&to=2026-01-01').expect(400);
    await u.get('/api/v1/usage?from=2020-01-01&to=2026-01-01').expect(400);
    await u.get('/api/v1/usage?from=yesterday').expect(400);
  });

  // Last: after turns, regenerations, edits and deletes of this file.
  it('writes without entering an AsyncLocalStorage context (promise hooks would tax every request)', () => {
    // em.transactional runs its callback in MikroORM's AsyncLocalStorage; on Node 20 the first
    // such run switches promise hooks on for the life of the process (~8% CPU in the benchmarks).
    const { storage } = TransactionContext as unknown as { storage: { enabled?: boolean } };
    expect(storage.enabled).toBeFalsy();
  });
});
