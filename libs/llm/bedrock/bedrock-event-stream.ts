import type { Readable } from 'node:stream';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { EventStreamMarshaller, EventStreamSerdeProvider, Message } from '@smithy/types';

type Deserializer<T> = (input: Record<string, Message>) => Promise<T>;
type Utf8 = {
  utf8Encoder: (input: Uint8Array) => string;
  utf8Decoder: (input: string) => Uint8Array;
};

/** Frames queued before the response is paused (backpressure towards Bedrock). */
const HIGH_WATER_FRAMES = 64;

/**
 * Reads a response body of AWS event-stream frames (ConverseStream,
 * InvokeModelWithResponseStream) and hands each message to the SDK's own deserializer, without
 * the SDK's chain of four async generators per event, which dominated the profile of 1,000
 * concurrent streams. Message handling (events, modelled exceptions, errors) is the SDK's,
 * except plain text deltas (`plainTextDelta`).
 */
class FrameReader<T> implements AsyncIterableIterator<T> {
  private readonly frames: Uint8Array[] = [];
  private partial?: Buffer;
  private ended = false;
  private failure?: unknown;
  private wake?: () => void;

  constructor(
    private readonly body: Readable,
    private readonly codec: EventStreamCodec,
    private readonly deserializer: Deserializer<T>,
    private readonly utf8: Utf8,
  ) {
    body.on('data', (chunk: Buffer) => this.onData(chunk));
    body.once('end', () => this.finish());
    // `on`, not `once`: a second 'error' with no listener would crash the process.
    body.on('error', (error: unknown) => this.fail(error));
    body.once('close', () => {
      if (!this.ended) this.fail(prematureClose());
    });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  async next(): Promise<IteratorResult<T>> {
    while (true) {
      const frame = this.frames.shift();
      if (frame) {
        if (this.body.isPaused() && this.frames.length < HIGH_WATER_FRAMES / 2) this.body.resume();
        const message = this.codec.decode(frame);
        // Nearly every event is a plain text delta: read without another promise per event.
        const value = this.textDelta(message) ?? (await this.unmarshal(message));
        if (value !== undefined) return { done: false, value };
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  return(): Promise<IteratorResult<T>> {
    this.ended = true;
    this.frames.length = 0;
    this.body.destroy();
    return Promise.resolve({ done: true, value: undefined });
  }

  private onData(chunk: Buffer): void {
    let data = this.partial ? Buffer.concat([this.partial, chunk]) : chunk;
    while (data.length >= 4) {
      const length = data.readUInt32BE(0);
      if (data.length < length) break;
      this.frames.push(data.subarray(0, length));
      data = data.subarray(length);
    }
    this.partial = data.length > 0 ? data : undefined;
    if (this.frames.length >= HIGH_WATER_FRAMES) this.body.pause();
    this.notify();
  }

  private finish(): void {
    if (this.partial) this.failure ??= new Error('Truncated event message received.');
    this.ended = true;
    this.notify();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** A `contentBlockDelta` event holding plain text only, as the SDK would deserialize it. */
  private textDelta(message: Message): T | undefined {
    if (
      message.headers[':message-type']?.value !== 'event' ||
      message.headers[':event-type']?.value !== 'contentBlockDelta'
    )
      return undefined;
    const delta = plainTextDelta(this.utf8.utf8Encoder(message.body));
    return delta ? ({ contentBlockDelta: delta } as T) : undefined;
  }

  /** As the SDK's message unmarshaller: an event, a modelled exception, or an error message. */
  private async unmarshal(message: Message): Promise<T | undefined> {
    const header = (name: string): string | undefined => {
      const value = message.headers[name]?.value;
      return value === undefined ? undefined : String(value);
    };
    const messageType = header(':message-type');
    if (messageType === 'error') {
      const error = new Error(header(':error-message') || 'UnknownError');
      error.name = header(':error-code') ?? 'UnknownError';
      throw error;
    }
    if (messageType === 'exception') {
      const code = header(':exception-type') ?? 'UnknownException';
      const deserialized = (await this.deserializer({ [code]: message })) as Record<
        string,
        unknown
      >;
      if (deserialized.$unknown) {
        const error = new Error(this.utf8.utf8Encoder(message.body));
        error.name = code;
        throw error;
      }
      throw deserialized[code];
    }
    if (messageType !== 'event') throw new Error(`Unrecognizable event type: ${messageType}`);
    const eventType = header(':event-type') ?? '';
    const deserialized = await this.deserializer({ [eventType]: message });
    return (deserialized as { $unknown?: unknown }).$unknown ? undefined : deserialized;
  }
}

/**
 * A ConverseStream text delta, `{"contentBlockIndex":n,"delta":{"text":"..."}}` and nothing
 * else, parsed directly: for exactly this shape the SDK's schema deserializer returns the same
 * object (a test compares both), at several times the cost, for nearly every event of a stream.
 * Any other shape (tool use, reasoning, citations, new fields) goes to the SDK.
 */
function plainTextDelta(json: string): object | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { delta, contentBlockIndex } = value as Record<string, unknown>;
  if (typeof contentBlockIndex !== 'number' || typeof delta !== 'object' || delta === null)
    return undefined;
  if (countKeys(value) !== 2 || countKeys(delta) !== 1) return undefined;
  return typeof (delta as { text?: unknown }).text === 'string' ? value : undefined;
}

/** Own keys of a parsed JSON object, counted without building an array (once per event). */
function countKeys(object: object): number {
  let count = 0;
  for (const key in object) if (Object.hasOwn(object, key)) count += 1;
  return count;
}

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

function isNodeReadable(body: unknown): body is Readable {
  return (
    typeof (body as Readable | undefined)?.on === 'function' &&
    'readableFlowing' in (body as object)
  );
}

/**
 * The SDK client's event-stream marshaller (`eventStreamSerdeProvider`), with the lean reader
 * above for Node response bodies. Anything else (a web stream, a test double) and request event
 * streams go to the SDK's default marshaller.
 */
export function leanEventStreamSerdeProvider(
  fallback: EventStreamSerdeProvider,
): EventStreamSerdeProvider {
  return (options: Utf8) => {
    const codec = new EventStreamCodec(options.utf8Encoder, options.utf8Decoder);
    const standard = fallback(options);
    const marshaller: EventStreamMarshaller = {
      deserialize: <T>(body: unknown, deserializer: Deserializer<T>): AsyncIterable<T> =>
        isNodeReadable(body)
          ? new FrameReader(body, codec, deserializer, options)
          : standard.deserialize(body, deserializer),
      serialize: (input, serializer) => standard.serialize(input, serializer),
    };
    return marshaller;
  };
}

const bufferUtf8: Utf8 = {
  utf8Encoder: (input) => Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString(),
  utf8Decoder: (input) => Buffer.from(input),
};
const bufferCodec = new EventStreamCodec(bufferUtf8.utf8Encoder, bufferUtf8.utf8Decoder);

/** The same reader over a response body, each message handed to `deserializer` (the wire's). */
export function readEventStream<T>(
  body: Readable,
  deserializer: Deserializer<T>,
): AsyncIterable<T> {
  return new FrameReader(body, bufferCodec, deserializer, bufferUtf8);
}
