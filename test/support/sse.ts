import * as http from 'node:http';
import { openRequest } from './open-request';

/** One Server-Sent Event as parsed off the wire. */
export interface SseEvent {
  /** The `id:` field, if any. */
  id?: string;
  /** The `event:` field; `message` when absent (as EventSource does). */
  event: string;
  /** `data:` lines joined by "\n", parsed as JSON (the raw text when it is not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  /** The `data:` text as received. */
  rawData: string;
}

export interface SseRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON (Content-Type: application/json). */
  body?: unknown;
  /** Bound on waiting for the response headers. Default 5000 ms. */
  timeoutMs?: number;
}

const DEFAULT_WAIT_MS = 5000;

/**
 * A small SSE client over node:http (not EventSource): opens a GET or POST, parses events and
 * comment lines as they arrive, lets a test read N events then cut the connection (a simulated
 * client disconnect), or collect everything until the server ends the stream. Every wait is bounded.
 */
export class SseStream {
  readonly events: SseEvent[] = [];
  /** Comment lines (`: text`), without the leading colon and space. */
  readonly comments: string[] = [];
  private buffer = '';
  private raw = '';
  private pending = { id: undefined as string | undefined, event: '', data: [] as string[] };
  private waiters: (() => void)[] = [];
  private isEnded = false;
  private failure?: Error;

  private constructor(
    private readonly req: http.ClientRequest,
    readonly res: http.IncomingMessage,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      this.raw += chunk;
      this.feed(chunk);
    });
    res.on('end', () => this.finish());
    res.on('close', () => this.finish());
    res.on('error', (error) => this.finish(error));
  }

  /** Opens the request and resolves once the response headers arrived (whatever the status). */
  static async open(url: string, options: SseRequest = {}): Promise<SseStream> {
    const { req, res } = await openRequest(url, {
      ...options,
      headers: { Accept: 'text/event-stream', ...options.headers },
      timeoutMs: options.timeoutMs ?? DEFAULT_WAIT_MS,
      label: 'SSE',
    });
    return new SseStream(req, res);
  }

  get status(): number {
    return this.res.statusCode ?? 0;
  }

  get headers(): http.IncomingHttpHeaders {
    return this.res.headers;
  }

  /** True once the server ended the stream (or the socket closed). */
  get ended(): boolean {
    return this.isEnded;
  }

  /** Waits until at least `count` events arrived; returns the first `count`. */
  async take(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<SseEvent[]> {
    await this.until(() => this.events.length >= count, timeoutMs, `${count} event(s)`);
    return this.events.slice(0, count);
  }

  /** Waits for the first event of that type. */
  async waitFor(type: string, timeoutMs = DEFAULT_WAIT_MS): Promise<SseEvent> {
    await this.until(() => this.events.some((e) => e.event === type), timeoutMs, `a ${type} event`);
    return this.events.find((e) => e.event === type)!;
  }

  /** Waits for a comment line (e.g. the `: heartbeat` keep-alive). */
  async waitForComment(text: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    await this.until(() => this.comments.includes(text), timeoutMs, `a ": ${text}" comment`);
  }

  /** Waits until the server ends the stream; returns every event. */
  async collect(timeoutMs = DEFAULT_WAIT_MS): Promise<SseEvent[]> {
    await this.until(() => this.isEnded, timeoutMs, 'the end of the stream');
    if (this.failure && this.events.length === 0) throw this.failure;
    return this.events;
  }

  /** The whole body as text, once ended (for non-SSE answers such as an error envelope). */
  async text(timeoutMs = DEFAULT_WAIT_MS): Promise<string> {
    await this.until(() => this.isEnded, timeoutMs, 'the end of the body');
    return this.raw;
  }

  /** The whole body parsed as JSON, once ended. */
  async json<T = unknown>(timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    return JSON.parse(await this.text(timeoutMs)) as T;
  }

  /** Cuts the connection from the client side, as a closed tab or a dropped network would. */
  destroy(): void {
    this.req.destroy();
    this.res.destroy();
    this.finish();
  }

  private until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (done()) {
          cleanup();
          resolve();
        } else if (this.isEnded) {
          cleanup();
          reject(
            new Error(
              `SSE: the stream ended before ${what}; got ${this.events.length} event(s): ${this.events
                .map((e) => e.event)
                .join(', ')}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `SSE: no ${what} within ${timeoutMs} ms; got ${this.events.length} event(s): ${this.events
              .map((e) => e.event)
              .join(', ')}`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      this.waiters.push(check);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private finish(error?: Error): void {
    if (this.isEnded) return;
    this.failure ??= error;
    // A last event without its blank line is dropped, as the SSE spec says.
    this.isEnded = true;
    this.notify();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.line(line);
    this.notify();
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') this.pending.id = value;
    else if (field === 'event') this.pending.event = value;
    else if (field === 'data') this.pending.data.push(value);
  }

  private dispatch(): void {
    const { id, event, data } = this.pending;
    this.pending = { id: undefined, event: '', data: [] };
    if (data.length === 0 && id === undefined && event === '') return;
    const rawData = data.join('\n');
    let parsed: unknown = rawData;
    try {
      parsed = JSON.parse(rawData);
    } catch {
      // not JSON: keep the text
    }
    this.events.push({ id, event: event || 'message', data: parsed, rawData });
  }
}

/** Opens an SSE stream (see SseStream.open). */
export const openSse = (url: string, options?: SseRequest): Promise<SseStream> =>
  SseStream.open(url, options);

/** The answer text of a stream: its `delta` events joined. */
export const deltaText = (events: SseEvent[]): string =>
  events
    .filter((e) => e.event === 'delta')
    .map((e) => e.data.text as string)
    .join('');
