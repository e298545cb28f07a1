import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ApiError, authHeaders, type ApiAuth } from './api-client';
import type {
  DeltaEventDto,
  EditQuestionDto,
  MessageEndEventDto,
  MessageStartEventDto,
  RegenerateDto,
  SendMessageDto,
  StreamErrorEventDto,
} from './api-types';

/** One event of a turn's stream (README, "Streaming contract"), its `data` typed by its name. */
export type TurnEvent =
  | { event: 'message.start'; id: number; data: MessageStartEventDto }
  | { event: 'delta'; id: number; data: DeltaEventDto }
  | { event: 'message.end'; id: number; data: MessageEndEventDto }
  | { event: 'error'; id: number; data: StreamErrorEventDto };

export interface TurnStreamOptions extends ApiAuth {
  /** The API's origin (empty: same origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Stops reading (and re-attaching); the answer itself goes on on the server. */
  signal?: AbortSignal;
  /** Re-attaches tried in a row after a drop before giving up. Default 5. */
  maxReattaches?: number;
  /** Wait before each re-attach, doubled each time it fails in a row. Default 250 ms. */
  reattachDelayMs?: number;
}

type Request = { path: string; method: 'GET' | 'POST' | 'PATCH'; body?: unknown };

const DEFAULT_MAX_REATTACHES = 5;
const DEFAULT_DELAY_MS = 250;
/** Answers after which a re-attach is worth trying again (the API or a proxy in between). */
const RETRYABLE_STATUSES = new Set([408, 429, 502, 503, 504]);

const conversationPath = (conversationId: string) =>
  `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`;

/**
 * Sends a message and yields its answer's events, ending with `message.end` or `error`. A drop
 * is mended by re-attaching with Last-Event-ID (before `message.start`: by resending the same
 * clientMessageId, which the API answers with the same turn), so every event arrives once, in order.
 */
export function streamMessage(
  options: TurnStreamOptions,
  conversationId: string,
  body: SendMessageDto,
): AsyncGenerator<TurnEvent, void, undefined> {
  const resendable = { ...body, clientMessageId: body.clientMessageId ?? newClientMessageId() };
  const send: Request = {
    path: conversationPath(conversationId),
    method: 'POST',
    body: resendable,
  };
  return followTurn(options, conversationId, send, send);
}

/** A new answer to the same question (a sibling branch), streamed as streamMessage does. */
export function streamRegenerate(
  options: TurnStreamOptions,
  conversationId: string,
  messageId: string,
  body: RegenerateDto = {},
): AsyncGenerator<TurnEvent, void, undefined> {
  const path = `${conversationPath(conversationId)}/${encodeURIComponent(messageId)}/regenerate`;
  return followTurn(options, conversationId, { path, method: 'POST', body });
}

/** An edited question (a sibling branch) and its answer, streamed as streamMessage does. */
export function streamEdit(
  options: TurnStreamOptions,
  conversationId: string,
  messageId: string,
  body: EditQuestionDto,
): AsyncGenerator<TurnEvent, void, undefined> {
  const path = `${conversationPath(conversationId)}/${encodeURIComponent(messageId)}`;
  return followTurn(options, conversationId, { path, method: 'PATCH', body });
}

/**
 * Re-attaches to an answer: the events after `lastEventId` (absent: from the start), then the live
 * ones. Ends at once, yielding nothing, when the answer is finished and `lastEventId` is its last
 * event (the API's 204).
 */
export function followAnswer(
  options: TurnStreamOptions,
  conversationId: string,
  assistantMessageId: string,
  lastEventId?: number,
): AsyncGenerator<TurnEvent, void, undefined> {
  return followTurn(options, conversationId, undefined, undefined, {
    messageId: assistantMessageId,
    lastEventId: lastEventId ?? -1,
  });
}

async function* followTurn(
  options: TurnStreamOptions,
  conversationId: string,
  first: Request | undefined,
  resend?: Request,
  known?: { messageId: string; lastEventId: number },
): AsyncGenerator<TurnEvent, void, undefined> {
  let messageId = known?.messageId;
  let lastEventId = known?.lastEventId ?? -1;
  let failures = 0;
  let request = first;
  for (;;) {
    const next: Request | undefined =
      request ??
      (messageId
        ? {
            path: `${conversationPath(conversationId)}/${encodeURIComponent(messageId)}/stream`,
            method: 'GET',
          }
        : resend);
    request = undefined;
    if (!next)
      throw new Error('The stream dropped before the answer had an id; nothing to re-attach to');
    const isFirst = next === first && failures === 0 && lastEventId === -1;
    // A re-attach, or a send with its clientMessageId, can be repeated without a second answer.
    const repeatable = next.method === 'GET' || next === resend;
    let response: Response;
    try {
      response = await open(options, next, next.method === 'GET' ? lastEventId : -1);
    } catch (error) {
      if (options.signal?.aborted || (isFirst && !repeatable)) throw error;
      failures = await backOff(options, failures, error);
      continue;
    }
    if (response.status === 204) return;
    if (!response.ok) {
      const error = await ApiError.from(response);
      if (isFirst || !RETRYABLE_STATUSES.has(response.status)) throw error;
      failures = await backOff(options, failures, error);
      continue;
    }
    let progressed = false;
    try {
      for await (const message of sseMessages(response, options.signal)) {
        const event = toTurnEvent(message);
        // Sent without an id when the server could not read the turn's log to its end: re-attach.
        if (event.event === 'error' && message.id === undefined && event.data.retryable) break;
        const terminal = event.event === 'message.end' || event.event === 'error';
        // Already delivered; except a terminal event standing for a turn whose log expired (id 0).
        if (event.id <= lastEventId && !terminal) continue;
        if (event.event === 'message.start') messageId = event.data.assistantMessageId;
        lastEventId = Math.max(lastEventId, event.id);
        progressed = true;
        yield event;
        if (terminal) return;
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
    }
    if (options.signal?.aborted) throw options.signal.reason;
    // Dropped (or interrupted) before the terminal event: re-attach after the last one we hold.
    failures = await backOff(options, progressed ? 0 : failures, new Error('The stream dropped'));
  }
}

async function open(
  options: TurnStreamOptions,
  request: Request,
  lastEventId: number,
): Promise<Response> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = {
    Accept: 'text/event-stream',
    ...(await authHeaders(options)),
    ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...(lastEventId >= 0 ? { 'Last-Event-ID': String(lastEventId) } : {}),
  };
  return doFetch(`${options.baseUrl ?? ''}${request.path}`, {
    method: request.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: options.signal,
  });
}

/** Counts a failed attempt and waits before the next one; throws once there were too many. */
async function backOff(
  options: TurnStreamOptions,
  failures: number,
  cause: unknown,
): Promise<number> {
  const failed = failures + 1;
  if (failed > (options.maxReattaches ?? DEFAULT_MAX_REATTACHES)) throw cause;
  const delay = (options.reattachDelayMs ?? DEFAULT_DELAY_MS) * 2 ** (failed - 1);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, delay);
    options.signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(options.signal?.reason);
      },
      { once: true },
    );
  });
  return failed;
}

type SseMessage = Pick<EventSourceMessage, 'id' | 'event' | 'data'>;

/** The events of an SSE body, parsed by eventsource-parser (comments such as heartbeats skipped). */
async function* sseMessages(response: Response, signal?: AbortSignal): AsyncGenerator<SseMessage> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream')) {
    throw new Error(`Expected text/event-stream, got ${type || 'no content type'}`);
  }
  if (!response.body) return;
  const parsed: SseMessage[] = [];
  const parser = createParser({ onEvent: (message) => parsed.push(message) });
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
      for (const message of parsed.splice(0)) yield message;
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    cancel();
  }
}

function toTurnEvent(message: SseMessage): TurnEvent {
  const id = message.id === undefined || message.id === '' ? -1 : Number(message.id);
  const data: unknown = JSON.parse(message.data);
  switch (message.event) {
    case 'message.start':
      return { event: 'message.start', id, data: data as MessageStartEventDto };
    case 'delta':
      return { event: 'delta', id, data: data as DeltaEventDto };
    case 'message.end':
      return { event: 'message.end', id, data: data as MessageEndEventDto };
    case 'error':
      return { event: 'error', id, data: data as StreamErrorEventDto };
    default:
      throw new Error(`Unknown stream event: ${message.event ?? '(none)'}`);
  }
}

/** A clientMessageId, so a send can be resent after a drop without a second answer. */
function newClientMessageId(): string {
  return globalThis.crypto.randomUUID();
}
