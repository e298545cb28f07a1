import type { ServerResponse } from 'node:http';

/**
 * Writes newline-delimited JSON as it comes: headers flushed at once, nothing buffered on the
 * way (`X-Accel-Buffering: no`, no compression), and the socket's backpressure respected.
 */
export class NdjsonWriter {
  constructor(private readonly res: ServerResponse) {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.socket?.setNoDelay(true);
  }

  get open(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  /** One line; waits for the socket to drain when it is full (or closed). */
  async write(line: object): Promise<void> {
    if (!this.open) return;
    if (this.res.write(`${JSON.stringify(line)}\n`)) return;
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
