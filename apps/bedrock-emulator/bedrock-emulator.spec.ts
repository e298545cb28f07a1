import * as http from 'node:http';
import { EventStreamCodec, Message } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { BedrockEmulator, startBedrockEmulator } from './bedrock-emulator';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function post(
  emulator: BedrockEmulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = { authorization: 'AWS4-HMAC-SHA256 Credential=test/x' },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${emulator.url}${path}`, { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Splits an event-stream body on the frames' length preludes and decodes each frame. */
function decodeFrames(body: Buffer): Message[] {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const frames: Message[] = [];
  for (let offset = 0; offset < body.length;) {
    const length = body.readUInt32BE(offset);
    frames.push(codec.decode(body.subarray(offset, offset + length)));
    offset += length;
  }
  return frames;
}

const chat = { messages: [{ role: 'user', content: [{ text: 'ping pong' }] }] };

describe('Bedrock emulator (raw HTTP)', () => {
  let emulator: BedrockEmulator;
  beforeAll(async () => {
    emulator = await startBedrockEmulator();
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('listens on 127.0.0.1 with an ephemeral port', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses unsigned calls with 403 UnrecognizedClientException', async () => {
    const res = await post(emulator, '/model/anthropic.claude-v2/converse', chat, {});
    expect(res.status).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe('UnrecognizedClientException');
    expect(JSON.parse(res.body.toString())).toEqual({ message: expect.any(String) });
  });

  it('answers unknown routes with 404', async () => {
    const res = await post(emulator, '/models', chat);
    expect(res.status).toBe(404);
  });

  it('applies a JSON fault from the x-emulator-fault header', async () => {
    const res = await post(emulator, '/model/anthropic.claude-v2/converse', chat, {
      authorization: 'AWS4-HMAC-SHA256 x',
      'x-emulator-fault': JSON.stringify({ kind: 'error', type: 'ModelTimeoutException' }),
    });
    expect(res.status).toBe(408);
    expect(res.headers['x-amzn-errortype']).toBe('ModelTimeoutException');
    expect(emulator.requests[0].fault).toEqual({ kind: 'error', type: 'ModelTimeoutException' });
  });

  it('matches rules in order by model and operation, counting `times` down', async () => {
    emulator.script({
      fault: { kind: 'throttle', retryAfterSeconds: 3 },
      modelId: 'amazon.nova-lite-v1:0',
      operation: 'converse',
      times: 1,
    });
    emulator.script({ fault: { kind: 'error', type: 'InternalServerException' } });
    const first = await post(
      emulator,
      `/model/${encodeURIComponent('amazon.nova-lite-v1:0')}/converse`,
      chat,
    );
    expect([first.status, first.headers['retry-after']]).toEqual([429, '3']);
    const second = await post(emulator, '/model/meta.llama3-8b-instruct-v1%3A0/converse', chat);
    expect(second.status).toBe(500);
    expect(emulator.requests.map((r) => r.modelId)).toEqual([
      'amazon.nova-lite-v1:0',
      'meta.llama3-8b-instruct-v1:0',
    ]);
  });

  it('streams ConverseStream as AWS event-stream frames', async () => {
    emulator.configure({ chunkCount: 2, reply: () => 'abcdef' });
    const res = await post(emulator, '/model/anthropic.claude-v2/converse-stream', chat);
    expect(res.headers['content-type']).toBe('application/vnd.amazon.eventstream');
    const frames = decodeFrames(res.body).map((m) => ({
      type: m.headers[':event-type']?.value,
      kind: m.headers[':message-type']?.value,
      body: JSON.parse(toUtf8(m.body)) as unknown,
    }));
    expect(frames.map((f) => f.type)).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    expect(frames.every((f) => f.kind === 'event')).toBe(true);
    expect(frames[1].body).toEqual({ contentBlockIndex: 0, delta: { text: 'abc' } });
    expect(frames[5].body).toMatchObject({
      usage: { outputTokens: 1 },
      metrics: { latencyMs: expect.any(Number) },
    });
  });

  it('sends a mid-stream exception frame in lowerCamel', async () => {
    emulator.script({
      fault: { kind: 'mid-stream-exception', afterChunks: 1, type: 'ServiceUnavailableException' },
    });
    const res = await post(emulator, '/model/anthropic.claude-v2/converse-stream', chat);
    const last = decodeFrames(res.body).at(-1)!;
    expect(last.headers[':message-type']?.value).toBe('exception');
    expect(last.headers[':exception-type']?.value).toBe('serviceUnavailableException');
  });

  it('records a hung request closed by the client', async () => {
    emulator.script({ fault: { kind: 'hang' } });
    const req = http.request(`${emulator.url}/model/anthropic.claude-v2/converse`, {
      method: 'POST',
      headers: { authorization: 'AWS4-HMAC-SHA256 x' },
    });
    req.on('error', () => undefined);
    req.end(JSON.stringify(chat));
    while (emulator.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(emulator.requests[0]).toMatchObject({ clientClosed: false, finished: false });
    req.destroy();
    const record = await emulator.waitForClientClose(0, 2000);
    expect(record).toMatchObject({ clientClosed: true, finished: false });
  });

  it('refuses unknown model ids and embedding models on Converse, as Bedrock does', async () => {
    const unknown = await post(emulator, '/model/gpt-4o/converse', chat);
    expect([unknown.status, unknown.headers['x-amzn-errortype']]).toEqual([
      400,
      'ValidationException',
    ]);
    expect(JSON.parse(unknown.body.toString())).toEqual({
      message: 'The provided model identifier is invalid.',
    });
    const titan = await post(emulator, '/model/amazon.titan-embed-text-v2%3A0/converse', chat);
    expect([titan.status, titan.headers['x-amzn-errortype']]).toEqual([400, 'ValidationException']);
    const profile = await post(
      emulator,
      `/model/${encodeURIComponent('eu.anthropic.claude-3-haiku-20240307-v1:0')}/converse`,
      chat,
    );
    expect(profile.status).toBe(200);
  });

  it('validates Titan dimensions like Bedrock', async () => {
    const res = await post(emulator, '/model/amazon.titan-embed-text-v2%3A0/invoke', {
      inputText: 'x',
      dimensions: 7,
    });
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('ValidationException');
  });

  it('reset restores the defaults and forgets rules and requests', async () => {
    emulator.configure({ reply: () => 'custom' });
    emulator.script({ fault: { kind: 'html-502' } });
    emulator.reset();
    const res = await post(emulator, '/model/anthropic.claude-v2/converse', chat);
    expect(JSON.parse(res.body.toString())).toMatchObject({
      output: { message: { content: [{ text: 'Emulated reply to: ping pong' }] } },
    });
    expect(emulator.requests).toHaveLength(1);
  });
});
