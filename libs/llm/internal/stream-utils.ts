import { LlmClient, LlmEvent, LlmRequest } from '../llm-client';

/** A stream whose first event (or end) has already been read. */
export interface OpenedStream {
  first: IteratorResult<LlmEvent>;
  iterator: AsyncIterator<LlmEvent>;
}

/**
 * Opens `client.stream` and waits for its first event. Rejects when the stream fails before
 * its first event: that is the only moment a stream may be retried or sent elsewhere.
 */
export async function openStream(
  client: LlmClient,
  request: LlmRequest,
  signal?: AbortSignal,
): Promise<OpenedStream> {
  const iterator = client.stream(request, signal)[Symbol.asyncIterator]();
  const first = await iterator.next();
  return { first, iterator };
}

const FINISHED: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The stream `open` resolves to, served without a generator of its own: the first event (read
 * by `open`), then the inner iterator's events as they come, so a wrapper adds no per-event hop
 * (profiles of 1,000 streams showed each async-generator layer). `mapFirst` may rewrite the
 * first event (a stream's `start` is always its first). Opening starts on the first `next()`,
 * and a failure to open rejects it, as a generator would; `return()` closes the inner stream.
 */
export function resumedStream(
  open: () => Promise<OpenedStream>,
  mapFirst: (event: LlmEvent) => LlmEvent = (event) => event,
): AsyncIterableIterator<LlmEvent> {
  let opened: OpenedStream | undefined;
  let closed = false;
  const openAndServeFirst = async (): Promise<IteratorResult<LlmEvent>> => {
    try {
      opened = await open();
    } catch (error) {
      closed = true;
      throw error;
    }
    if (opened.first.done) {
      closed = true;
      return FINISHED;
    }
    return { done: false, value: mapFirst(opened.first.value) };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next(): Promise<IteratorResult<LlmEvent>> {
      if (closed) return Promise.resolve(FINISHED);
      return opened ? opened.iterator.next() : openAndServeFirst();
    },
    async return(): Promise<IteratorResult<LlmEvent>> {
      if (!closed) {
        closed = true;
        await opened?.iterator.return?.();
      }
      return FINISHED;
    },
  };
}

/** Splits text into word chunks whose concatenation is exactly `text`. */
export function wordChunks(text: string): string[] {
  return text.match(/^\s+|\S+\s*/g) ?? [];
}

/** Rough token estimate used by the mock and the emulator: ~4 characters a token, at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
