import WebSocket from 'ws';

/** A frame the server sent (JSON). */
export type Frame = Record<string, unknown> & { type: string };

/** A `ws` client that keeps every frame it receives, and waits for the ones a test expects. */
export class TestSocket {
  readonly frames: Frame[] = [];
  closeCode?: number;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      this.wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /** Opens `ws://.../api/v1/ws` of an app URL (http://127.0.0.1:PORT). */
  static open(
    appUrl: string,
    options: { headers?: Record<string, string>; protocols?: string[] } = {},
  ): Promise<TestSocket> {
    const url = `${appUrl.replace(/^http/, 'ws')}/api/v1/ws`;
    const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    const client = new TestSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`handshake refused: ${res.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame (after `from`) matching `match`; fails after `timeoutMs`. */
  async next(match: (frame: Frame) => boolean, timeoutMs = 5000, from = 0): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The event frames of one answer, in arrival order. */
  events(messageId: string): Frame[] {
    return this.frames.filter((f) => f.type === 'event' && f.messageId === messageId);
  }

  /** Waits for the answer's terminal event (message.end or error) and returns its events. */
  async untilEnd(messageId: string, timeoutMs = 10000): Promise<Frame[]> {
    await this.next(
      (f) =>
        f.type === 'event' &&
        f.messageId === messageId &&
        (f.event === 'message.end' || f.event === 'error'),
      timeoutMs,
    );
    return this.events(messageId);
  }

  /** Resolves once the server closed the socket (with its close code). */
  async closed(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === undefined) {
      if (Date.now() > deadline) throw new Error('the socket stayed open');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.closeCode;
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** The answer text of a turn's delta events. */
export const textOf = (events: Frame[]): string =>
  events
    .filter((f) => f.event === 'delta')
    .map((f) => (f.data as { text: string }).text)
    .join('');
