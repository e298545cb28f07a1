import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { captureLogs, LogCapture, withLogger } from './support/platform-helpers';

/** Requests that never reach a handler (router 404, body parser, guards) get their one line too. */
describe('Access log of refused requests (e2e)', () => {
  let t: TestApp;
  let logs: LogCapture;
  beforeAll(async () => {
    logs = captureLogs();
    t = await createTestApp(
      { RATE_LIMIT_READ: '100000/60s', RATE_LIMIT_CHAT: '100000/60s' },
      withLogger(logs),
    );
  });
  afterAll(() => t.close());

  it('writes one line for requests refused before or by the route guards', async () => {
    const refused: [string, () => request.Test, number, string, string][] = [
      ['no-route', () => request(t.url).get('/no/such/route'), 404, 'not_found', 'unmatched'],
      [
        'text-body',
        () =>
          request(t.url).post('/api/v1/conversations').set('Content-Type', 'text/plain').send('x'),
        415,
        'unsupported_media_type',
        'unmatched',
      ],
      [
        'bad-json',
        () =>
          request(t.url)
            .post('/api/v1/conversations')
            .set('Content-Type', 'application/json')
            .send('{"title":'),
        400,
        'malformed_json',
        'unmatched',
      ],
      [
        'too-deep',
        () =>
          request(t.url)
            .post('/api/v1/conversations')
            .set('Content-Type', 'application/json')
            .send(`{"metadata":${'['.repeat(100)}${']'.repeat(100)}}`),
        400,
        'body_too_deep',
        'unmatched',
      ],
      [
        'bad-user',
        () => request(t.url).get('/api/v1/conversations').set('X-User-Id', 'has spaces'),
        400,
        'invalid_user_id',
        '/api/v1/conversations',
      ],
    ];
    for (const [id, send, status] of refused) {
      await send().set('X-Request-Id', `refused-${id}`).expect(status);
      await logs.waitFor((lines) => lines.some((l) => l.requestId === `refused-${id}`));
    }
    for (const [id, , status, errorCode, route] of refused) {
      const mine = logs.lines.filter((l) => l.requestId === `refused-${id}`);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ status, errorCode, route });
    }
  });
});
