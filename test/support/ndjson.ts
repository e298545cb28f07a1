import * as http from 'node:http';
import { openRequest } from './open-request';

const WAIT_MS = 5000;

/**
 * A small NDJSON client over node:http: POSTs JSON, parses lines as they arrive (as a client
 * reading `iter_lines` would), lets a test read N lines then cut the connection, or collect
 * everything until the server ends. Every wait is bounded.
 */
export class NdjsonStream {
  /** Parsed lines (JSON objects), in order. */
  readonly lines: Record<string, unknown>[] = [];
  raw = '';
  private buffer = '';
  private ended = false;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly req: http.ClientRequest,
    readonly res: http.IncomingMessage,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      this.raw += chunk;
      this.buffer += chunk;
      let newline = this.buffer.indexOf('\n');
      while (newline >= 0) {
        const line = this.buffer.slice(0, newline).trim();
        this.buffer = this.buffer.slice(newline + 1);
        if (line) this.lines.push(JSON.parse(line) as Record<string, unknown>);
        newline = this.buffer.indexOf('\n');
      }
      this.wake();
    });
    const finish = (): void => {
      this.ended = true;
      this.wake();
    };
    res.on('end', finish);
    res.on('close', finish);
    res.on('error', finish);
  }

  static async open(
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<NdjsonStream> {
    const { req, res } = await openRequest(url, {
      method: 'POST',
      body,
      headers,
      timeoutMs: WAIT_MS,
      label: 'NDJSON',
    });
    return new NdjsonStream(req, res);
  }

  get status(): number {
    return this.res.statusCode ?? 0;
  }

  get headers(): http.IncomingHttpHeaders {
    return this.res.headers;
  }

  /** Waits for at least `count` lines. */
  async take(count: number): Promise<Record<string, unknown>[]> {
    await this.until(() => this.lines.length >= count, `${count} line(s)`);
    return this.lines.slice(0, count);
  }

  /** Waits for the server to end the response; returns every line (the body when not NDJSON). */
  async collect(): Promise<Record<string, unknown>[]> {
    await this.until(() => this.ended, 'the end of the response');
    return this.lines;
  }

  /** The client goes away: the connection is destroyed. */
  close(): void {
    this.req.destroy();
    this.res.destroy();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private async until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!done()) {
      if (this.ended && !done()) throw new Error(`NDJSON: ended before ${what}: ${this.raw}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`NDJSON: no ${what} within ${WAIT_MS} ms: ${this.raw}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
