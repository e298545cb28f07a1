import type { AuthenticatedUser } from '@app/platform';
import type { WebSocket } from 'ws';
import type { TurnRun } from '../../application/turn-run';
import type { WireEvent } from '../http/sse-writer';

/** The socket as handlers see it (a type alias: pipes never try to validate it). */
export type ChatSocket = WebSocket;

/** Server frames. Events carry the SSE contract's event name, id and data, plus whose turn it is. */
export type ServerFrame =
  | {
      type: 'event';
      conversationId: string;
      messageId: string;
      event: string;
      id?: number;
      data: unknown;
    }
  | { type: 'error'; code: string; message: string; details?: unknown }
  | { type: 'authenticated'; userId: string }
  | { type: 'stopped'; conversationId: string; messageId: string; message: unknown };

/** What the gateway keeps for one socket. */
export class SocketSession {
  user?: AuthenticatedUser;
  /** Settles once the handshake's credentials are checked (the user may still be unknown). */
  ready: Promise<void> = Promise.resolve();
  authTimer?: NodeJS.Timeout;
  /** Pings that keep idle proxies from cutting the socket. */
  heartbeat?: NodeJS.Timeout;
  readonly openedAt = Date.now();
  /** Frames handled (for the socket's log line). */
  frames = 0;
  /** Aborted when the socket closes: ends its followers' waits. */
  readonly closed = new AbortController();
  /** Turns this socket started: aborted on close when STREAM_ON_DISCONNECT=abort. */
  readonly started = new Set<TurnRun>();
  /** Unsubscribes of the live turns this socket follows. */
  readonly follows = new Set<() => void>();

  constructor(
    readonly socket: ChatSocket,
    readonly remoteAddress: string | undefined,
  ) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: ServerFrame): void {
    if (this.open) this.socket.send(JSON.stringify(frame));
  }

  /** A turn's event, as the SSE stream would write it, tagged with the turn it belongs to. */
  sendEvent(conversationId: string, messageId: string, event: WireEvent): void {
    this.send({
      type: 'event',
      conversationId,
      messageId,
      event: event.type,
      id: event.id,
      data: event.data,
    });
  }

  /** Pings every `ms` while the socket is open (as SSE streams send comment heartbeats). */
  keepAlive(ms: number): void {
    this.heartbeat = setInterval(() => {
      if (this.open) this.socket.ping();
    }, ms);
    this.heartbeat.unref();
  }

  close(code: number, reason: string): void {
    if (this.open) this.socket.close(code, reason.slice(0, 120));
  }

  /** Called once the socket closed: stops following, and says which turns it started. */
  dispose(): TurnRun[] {
    clearTimeout(this.authTimer);
    clearInterval(this.heartbeat);
    this.closed.abort();
    for (const unsubscribe of this.follows) unsubscribe();
    this.follows.clear();
    return [...this.started];
  }
}
