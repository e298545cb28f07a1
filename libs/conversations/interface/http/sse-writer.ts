import type { ServerResponse } from 'node:http';
import { StreamWriter } from '@app/platform';

/** An event as written on the wire: its id, its name and a JSON-serialisable payload. */
export interface WireEvent {
  /** Absent on an event that must not move the client's Last-Event-ID. */
  id?: number;
  type: string;
  data: unknown;
}

/**
 * Server-Sent Events on the shared stream writer, plus a comment heartbeat that keeps idle
 * proxies from cutting a long answer.
 */
export class SseWriter extends StreamWriter {
  private heartbeat?: NodeJS.Timeout;

  constructor(res: ServerResponse, heartbeatMs: number) {
    super(res, {
      contentType: 'text/event-stream; charset=utf-8',
      cacheControl: 'no-cache, no-transform',
    });
    this.heartbeat = setInterval(() => void this.comment('heartbeat'), heartbeatMs);
    this.heartbeat.unref();
    this.onClose(() => this.stopHeartbeat());
  }

  /** Resolves when the event is handed to the socket (after a drain when it was full). */
  send(event: WireEvent): Promise<void> {
    const id =
      event.id === undefined
        ? ''
        : `id: ${event.id}
`;
    return this.writeChunk(`${id}event: ${event.type}
data: ${JSON.stringify(event.data)}

`);
  }

  comment(text: string): Promise<void> {
    return this.writeChunk(`: ${text}\n\n`);
  }

  override end(): void {
    this.stopHeartbeat();
    super.end();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
