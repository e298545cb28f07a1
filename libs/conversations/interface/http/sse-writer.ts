import type { ServerResponse } from 'node:http';
/** An event as written on the wire: its id, its name and a JSON-serialisable payload. */
export interface WireEvent {
  /** Absent on an event that must not move the client's Last-Event-ID. */
  id?: number;
  type: string;
  data: unknown;
}

/**
 * Writes Server-Sent Events with the streaming contract's headers: nothing buffers them (no
 * compression, `X-Accel-Buffering: no`), headers are flushed at once, and a comment heartbeat
 * keeps idle proxies from cutting a long answer.
 */
export class SseWriter {
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    heartbeatMs: number,
  ) {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    this.heartbeat = setInterval(() => this.comment('heartbeat'), heartbeatMs);
    this.heartbeat.unref();
    res.once('close', () => this.stopHeartbeat());
  }

  get open(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  send(event: WireEvent): void {
    if (!this.open) return;
    const id = event.id === undefined ? '' : `id: ${event.id}\n`;
    this.res.write(`${id}event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
  }

  comment(text: string): void {
    if (this.open) this.res.write(`: ${text}\n\n`);
  }

  end(): void {
    this.stopHeartbeat();
    if (this.open) this.res.end();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
