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

/** Yields the already read first event and then the rest; closes the inner iterator on exit. */
export async function* resumeStream(
  opened: OpenedStream,
  map: (event: LlmEvent) => LlmEvent = (event) => event,
): AsyncGenerator<LlmEvent> {
  let done = opened.first.done ?? false;
  try {
    if (done) return;
    yield map(opened.first.value);
    while (true) {
      const next = await opened.iterator.next();
      if (next.done) {
        done = true;
        return;
      }
      yield map(next.value);
    }
  } finally {
    if (!done) await opened.iterator.return?.();
  }
}

/** Splits text into word chunks whose concatenation is exactly `text`. */
export function wordChunks(text: string): string[] {
  return text.match(/^\s+|\S+\s*/g) ?? [];
}

/** Rough token estimate used by the mock and the emulator: ~4 characters a token, at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
