import type { ServerResponse } from 'node:http';

/**
 * The common part of the SSE and NDJSON writers: the streaming contract's headers flushed at
 * once (nothing may buffer them: no compression, `X-Accel-Buffering: no`), writes that wait for
 * the socket to drain, and the client's disconnect seen as `open` turning false.
 */
export class StreamWriter {
  constructor(
    protected readonly res: ServerResponse,
    headers: { contentType: string; cacheControl: string },
  ) {
    res.statusCode = 200;
    res.setHeader('Content-Type', headers.contentType);
    res.setHeader('Cache-Control', headers.cacheControl);
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.socket?.setNoDelay(true);
  }

  /** False once the stream ended or the client went away. */
  get open(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  /** Calls `listener` once when the connection closes (ended or dropped). */
  onClose(listener: () => void): void {
    this.res.once('close', listener);
  }

  /** Writes a chunk; resolves at once, or when a full socket has drained (or closed). */
  protected async writeChunk(chunk: string): Promise<void> {
    if (!this.open) return;
    if (this.res.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }

  end(): void {
    if (this.open) this.res.end();
  }
}
