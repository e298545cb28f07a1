import { PassThrough } from 'node:stream';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { EventStreamMarshaller, Message } from '@smithy/types';
import { eventFrame, exceptionFrame, malformedFrame } from '../testing/bedrock-emulator.wire';
import { BedrockEmulator, startBedrockEmulator } from '../testing/bedrock-emulator';
import { leanEventStreamSerdeProvider } from './bedrock-event-stream';
import { createBedrockRuntimeClient } from './bedrock.llm-client';

type Parsed = Record<string, unknown>;

/** The SDK's deserializer, reduced: `{eventType: message}` -> `{eventType: parsed JSON}`. */
async function deserializer(input: Record<string, Message>): Promise<Parsed> {
  const [type, message] = Object.entries(input)[0];
  if (type === 'unknownEvent') return { $unknown: input };
  const parsed = JSON.parse(toUtf8(message.body)) as Parsed;
  if (type.endsWith('Exception')) {
    const error = Object.assign(new Error(String(parsed.message)), { name: type });
    return { [type]: error };
  }
  return { [type]: parsed };
}

const standard = {
  deserialize: jest.fn(),
  serialize: jest.fn(),
} satisfies EventStreamMarshaller;

function marshaller(): EventStreamMarshaller {
  return leanEventStreamSerdeProvider(() => standard)({
    utf8Encoder: toUtf8,
    utf8Decoder: fromUtf8,
  });
}

async function collect(body: PassThrough): Promise<{ events: Parsed[]; error?: Error }> {
  const events: Parsed[] = [];
  try {
    for await (const event of marshaller().deserialize(body, deserializer) as AsyncIterable<Parsed>)
      events.push(event);
    return { events };
  } catch (error) {
    return { events, error: error as Error };
  }
}

const delta = (text: string): Uint8Array =>
  eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text } });

describe('leanEventStreamSerdeProvider', () => {
  it('reads frames split across chunks and several frames in one chunk', async () => {
    const body = new PassThrough();
    const frames = Buffer.concat([delta('a'), delta('b'), delta('c')]);
    const reading = collect(body);
    body.write(frames.subarray(0, 3)); // not even the length prefix
    body.write(frames.subarray(3, 40));
    body.write(frames.subarray(40));
    body.end(eventFrame('messageStop', { stopReason: 'end_turn' }));
    const { events, error } = await reading;
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'a' } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'b' } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'c' } } },
      { messageStop: { stopReason: 'end_turn' } },
    ]);
  });

  it('skips unknown events and throws modelled exceptions', async () => {
    const body = new PassThrough();
    const reading = collect(body);
    body.write(eventFrame('unknownEvent', {}));
    body.write(delta('x'));
    body.end(exceptionFrame('ThrottlingException', 'slow down'));
    const { events, error } = await reading;
    expect(events).toHaveLength(1);
    expect(error).toMatchObject({ name: 'throttlingException', message: 'slow down' });
  });

  it('fails on a damaged frame, a truncated end and a connection closed mid-stream', async () => {
    const damaged = new PassThrough();
    const reading = collect(damaged);
    damaged.end(malformedFrame());
    expect((await reading).error).toBeDefined();

    const truncated = new PassThrough();
    const cut = collect(truncated);
    truncated.write(delta('whole'));
    truncated.end(delta('half').subarray(0, 10));
    const result = await cut;
    expect(result.events).toHaveLength(1);
    expect(result.error?.message).toMatch(/Truncated/);

    const dropped = new PassThrough();
    const closed = collect(dropped);
    dropped.write(delta('before'));
    dropped.destroy();
    expect((await closed).error).toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('pauses the response while frames pile up and resumes as they are read', async () => {
    const body = new PassThrough();
    const iterator = (marshaller().deserialize(body, deserializer) as AsyncIterable<Parsed>)[
      Symbol.asyncIterator
    ]();
    body.write(Buffer.concat(Array.from({ length: 80 }, (_, i) => delta(String(i)))));
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.isPaused()).toBe(true);
    for (let i = 0; i < 60; i += 1) await iterator.next();
    expect(body.isPaused()).toBe(false);
    await iterator.return?.();
    expect(body.destroyed).toBe(true);
  });

  it('leaves bodies that are not Node streams, and request streams, to the SDK', () => {
    const webBody = { [Symbol.asyncIterator]: jest.fn() };
    marshaller().deserialize(webBody, deserializer);
    expect(standard.deserialize).toHaveBeenCalledWith(webBody, deserializer);
    const input = { [Symbol.asyncIterator]: jest.fn() };
    const serializer = jest.fn();
    marshaller().serialize(input, serializer);
    expect(standard.serialize).toHaveBeenCalledWith(input, serializer);
  });
});

describe('the lean reader inside the real SDK client', () => {
  let emulator: BedrockEmulator;
  beforeAll(async () => {
    emulator = await startBedrockEmulator();
  });
  afterAll(() => emulator.close());

  /** Every ConverseStream event as the SDK hands it out. */
  async function converseStream(client: BedrockRuntimeClient): Promise<unknown[]> {
    const output = await client.send(
      new ConverseStreamCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: [{ role: 'user', content: [{ text: 'Tell me about event streams' }] }],
      }),
    );
    const events: unknown[] = [];
    for await (const event of output.stream ?? []) {
      // The emulator's measured latency differs between two calls; nothing else may.
      if (event.metadata?.metrics) event.metadata.metrics.latencyMs = 0;
      events.push(event);
    }
    return events;
  }

  it('yields exactly what the SDK reader yields (text deltas through the fast path too)', async () => {
    const settings = {
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    // HTTP/1.1 as ours (the SDK's default handler for event streams speaks HTTP/2).
    const sdkOwn = new BedrockRuntimeClient({ ...settings, requestHandler: new NodeHttpHandler() });
    const lean = createBedrockRuntimeClient({
      ...settings,
      modelId: 'unused',
      maxTokens: 100,
      embedModelId: 'unused',
    });
    try {
      const expected = await converseStream(sdkOwn);
      const actual = await converseStream(lean);
      expect(expected.filter((e) => 'contentBlockDelta' in (e as object)).length).toBeGreaterThan(
        2,
      );
      expect(actual).toEqual(expected);
    } finally {
      sdkOwn.destroy();
      lean.destroy();
    }
  });
});
