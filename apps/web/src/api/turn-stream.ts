import { EventSourceParserStream } from 'eventsource-parser/stream';
import { ApiError, apiErrorOf } from './errors';
import type { ChatApi, TurnRequest } from './chat-api';
import type { TurnEvent } from './types';

/** Where a turn's answer is read from: its start, or a re-attach after `lastEventId`. */
export type TurnSource =
  | { kind: 'start'; request: TurnRequest }
  | { kind: 'attach'; conversationId: string; messageId: string; lastEventId?: number };

/** How the reading of a turn ended. */
export type TurnOutcome =
  | { kind: 'end'; event: TurnEvent & { type: 'message.end' } }
  | { kind: 'error'; event: TurnEvent & { type: 'error' } }
  /** The server says the answer finished and we already hold its last event (204). */
  | { kind: 'finished' };

const MAX_REATTACHES = 8;

/**
 * Reads a turn's Server-Sent Events to its end, handing each to `onEvent`. A dropped connection
 * (or a `stream_unavailable` error) is followed by a re-attach with `Last-Event-ID`, so no event
 * is lost or repeated. Rejects with ApiError when the API refuses (429, 404, ...).
 */
export async function followTurn(
  api: ChatApi,
  source: TurnSource,
  onEvent: (event: TurnEvent) => void,
  signal?: AbortSignal,
): Promise<TurnOutcome> {
  let conversationId =
    source.kind === 'attach' ? source.conversationId : source.request.conversationId;
  let messageId = source.kind === 'attach' ? source.messageId : undefined;
  let lastEventId = source.kind === 'attach' ? source.lastEventId : undefined;
  for (let attempt = 0; ; attempt += 1) {
    let res: Response;
    try {
      res =
        attempt === 0 && source.kind === 'start'
          ? await api.openTurn(source.request, signal)
          : await api.reattach(conversationId, requireId(messageId), lastEventId, signal);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'network_error' || !messageId) throw error;
      if (attempt >= MAX_REATTACHES) throw error;
      await pause(attempt, signal);
      continue;
    }
    if (res.status === 204) return { kind: 'finished' };
    if (!res.ok) throw await apiErrorOf(res);
    for await (const event of readEvents(res)) {
      if (event.id !== undefined) lastEventId = event.id;
      if (event.type === 'message.start') {
        conversationId = event.data.conversationId;
        messageId = event.data.assistantMessageId;
      }
      if (event.type === 'error' && event.id === undefined) break; // stream_unavailable: re-attach
      onEvent(event);
      if (event.type === 'message.end') return { kind: 'end', event };
      if (event.type === 'error') return { kind: 'error', event };
    }
    if (!messageId || attempt >= MAX_REATTACHES) {
      throw new ApiError(0, 'network_error', 'The answer stream was cut before it finished');
    }
    await pause(attempt, signal);
  }
}

function requireId(messageId: string | undefined): string {
  if (!messageId)
    throw new ApiError(0, 'network_error', 'The answer stream was cut before it began');
  return messageId;
}

async function* readEvents(res: Response): AsyncGenerator<TurnEvent> {
  if (!res.body) return;
  const events = res.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const id = value.id === undefined || value.id === '' ? undefined : Number(value.id);
      yield { type: value.event, id, data: JSON.parse(value.data) } as TurnEvent;
    }
  } catch (error) {
    // A cut connection ends the body with a TypeError: treated as a drop (re-attach).
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
  } finally {
    // Left early (re-attach) or failed: let the connection go.
    await reader.cancel().catch(() => undefined);
  }
}

function pause(attempt: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, Math.min(250 * 2 ** attempt, 4000));
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
