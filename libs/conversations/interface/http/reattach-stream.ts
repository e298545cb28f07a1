import type { ServerResponse } from 'node:http';
import { headerOf, HttpProblem, type RequestWithContext } from '@app/platform';
import { isTerminalEvent, TurnEvent } from '../../application/turn-events';

/**
 * The id of the last event the client holds, from `Last-Event-ID` (or `?lastEventId=`); -1 when
 * absent or empty: an empty value is what a client sends before it has seen any event.
 */
export function lastEventIdOf(req: RequestWithContext): number {
  const raw =
    headerOf(req, 'last-event-id') ?? (req.query as { lastEventId?: unknown }).lastEventId;
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return -1;
  const id = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < -1) {
    throw new HttpProblem(
      400,
      'invalid_last_event_id',
      'Last-Event-ID must be an event id (an integer)',
    );
  }
  return id;
}

/** Where the events of a re-attach are written once there is one to write. */
export interface EventSink {
  send(event: TurnEvent): void;
  end(): void;
}

/**
 * A re-attach's answer: the events after the client's last one. The SSE response is opened only
 * when there is an event to send, so a client that already holds the turn's terminal event gets
 * `204 No Content` (which also stops EventSource from reconnecting) instead of an idle stream.
 */
export class ReattachStream {
  private sink?: EventSink;
  private over = false;

  constructor(
    private readonly res: ServerResponse,
    readonly afterEventId: number,
    private readonly openSink: () => EventSink,
  ) {}

  get ended(): boolean {
    return this.over;
  }

  /** Passes the event on unless the client has it; returns true once the turn's terminal event went by. */
  offer(event: TurnEvent): boolean {
    if (this.over) return true;
    if (event.id > this.afterEventId) this.opened().send(event);
    if (isTerminalEvent(event)) this.end();
    return this.over;
  }

  /** Sends the turn's stored outcome whatever its id (its event log is gone), then ends. */
  sendFinal(event: TurnEvent): void {
    if (this.over) return;
    this.opened().send(event);
    this.end();
  }

  /** The open stream (opened now if need be, so heartbeats flow during a wait). */
  opened(): EventSink {
    this.sink ??= this.openSink();
    return this.sink;
  }

  /** Ends the stream, or answers 204 when nothing was sent: the client already had it all. */
  end(): void {
    if (this.over) return;
    this.over = true;
    if (this.sink) return this.sink.end();
    if (this.res.headersSent || this.res.destroyed) return;
    this.res.statusCode = 204;
    this.res.end();
  }
}
