import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import request from 'supertest';
import { createTestApp, TestApp, uniqueUser } from './support/test-app';

interface RawAnswer {
  status: number;
  body: string;
}

/** Sends raw bytes on a fresh socket and reads what comes back until the server closes it. */
function rawExchange(url: string, bytes: string): Promise<RawAnswer> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body: rest.join('') });
    });
    socket.write(bytes);
  });
}

/** GET with the path sent as is (no normalisation of `..`). */
function getRawPath(url: string, path: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { agent: false });
    req.path = path;
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const expectEnvelope = (body: string, code: string) =>
  expect(JSON.parse(body)).toEqual({
    error: { code, message: expect.any(String), requestId: expect.any(String) },
  });

describe('HTTP server limits: every refusal in the envelope (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_READ: '100000/60s' });
  });
  afterAll(() => t.close());

  it('answers 414 for a path parameter over 1,024 characters', async () => {
    const res = await request(t.url)
      .get(`/api/v1/conversations/${'x'.repeat(1025)}`)
      .set('X-User-Id', uniqueUser('long'))
      .expect(414);
    expect(res.body.error).toMatchObject({ code: 'uri_too_long', requestId: expect.any(String) });
  });

  it('answers 431 in the envelope for headers over 16 KB', async () => {
    const answer = await rawExchange(
      t.url,
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expectEnvelope(answer.body, 'headers_too_large');
  });

  it('answers 400 in the envelope for a request that is not HTTP', async () => {
    const answer = await rawExchange(t.url, 'NOT-HTTP\r\n\r\n');
    expect(answer.status).toBe(400);
    expectEnvelope(answer.body, 'bad_request');
  });

  it('answers 408 to a client whose headers never end, and closes its socket', async () => {
    const answer = await rawExchange(t.url, 'GET /health HTTP/1.1\r\nHost: x\r\n');
    expect(answer.status).toBe(408);
    expectEnvelope(answer.body, 'request_timeout');
  });

  it.each(['/docs/..', '/docs/../', '/docs/../../etc/passwd', '/docs/%2e%2e/', '/docs/..%2f'])(
    'answers %s with a 4xx in the envelope',
    async (path) => {
      const answer = await getRawPath(t.url, path);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(JSON.parse(answer.body).error.requestId).toEqual(expect.any(String));
    },
  );
});
