import * as http from 'node:http';
import type { Socket } from 'node:net';
import { EventEmitter } from 'node:events';

/** What every fake model server records of a request. */
export interface TrackedRequest {
  clientClosed: boolean;
  finished: boolean;
  fault?: unknown;
}

export interface FakeDelays {
  firstByteDelayMs: number;
  chunkDelayMs: number;
}

export interface ScriptedRule<F> {
  fault: F;
  times?: number;
}

type DelayFault = { kind: 'delay'; firstByteDelayMs?: number; chunkDelayMs?: number };

/**
 * The machinery the Bedrock emulator and the OpenAI fake share: scripted fault rules, behaviour
 * defaults, request recording with client-close detection, and the server's lifecycle. Each
 * server keeps only its routes and wire format.
 */
export class FakeServerKit<
  R extends TrackedRequest,
  F extends { kind: string },
  B extends FakeDelays,
  Rule extends ScriptedRule<F>,
> {
  readonly requests: R[] = [];
  /** Aborted by close(): in-flight answers stop writing. */
  readonly shutdown = new AbortController();
  private rules: (Rule & { remaining: number })[] = [];
  private current: B;
  private readonly changes = new EventEmitter();
  private readonly sockets = new Set<Socket>();
  private server?: http.Server;

  constructor(
    private readonly initial: B,
    private readonly faultHeader: string,
  ) {
    this.current = { ...initial };
    this.changes.setMaxListeners(0);
  }

  get behaviour(): B {
    return this.current;
  }

  script(rule: Rule): void {
    this.rules.push({ ...rule, remaining: rule.times ?? Infinity });
  }

  configure(defaults: Partial<B>): void {
    this.current = { ...this.current, ...defaults };
  }

  reset(): void {
    this.rules = [];
    this.requests.length = 0;
    this.current = { ...this.initial };
  }

  /** The first rule still counting down that matches, spent once. */
  pickFault(matches: (rule: Rule) => boolean): F | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && matches(r));
    if (!rule) return undefined;
    rule.remaining -= 1;
    return rule.fault;
  }

  /** A fault asked for by header (for people trying the server by hand); 'invalid' when not JSON. */
  headerFault(req: http.IncomingMessage): F | undefined | 'invalid' {
    const header = req.headers[this.faultHeader];
    if (typeof header !== 'string' || !header.trim()) return undefined;
    try {
      return JSON.parse(header) as F;
    } catch {
      return 'invalid';
    }
  }

  /** The behaviour for one request: a `delay` fault overrides the default delays. */
  behaviourFor(fault: F | undefined): B {
    const delays: Partial<DelayFault> =
      fault?.kind === 'delay' ? (fault as unknown as DelayFault) : {};
    return {
      ...this.current,
      firstByteDelayMs: delays.firstByteDelayMs ?? this.current.firstByteDelayMs,
      chunkDelayMs: delays.chunkDelayMs ?? this.current.chunkDelayMs,
    };
  }

  /**
   * Records the request and watches its connection: `clientClosed` is set when the client hangs
   * up before the answer ends (not when we drop it on purpose, nor on shutdown).
   */
  track(record: R, res: http.ServerResponse): { signal: AbortSignal; drop: () => void } {
    this.requests.push(record);
    const closed = new AbortController();
    let dropped = false;
    res.on('finish', () => (record.finished = true));
    res.on('close', () => {
      if (!record.finished && !dropped && !this.shutdown.signal.aborted) record.clientClosed = true;
      closed.abort();
      this.changes.emit('change');
    });
    this.changes.emit('change');
    return {
      signal: AbortSignal.any([closed.signal, this.shutdown.signal]),
      drop: () => {
        dropped = true;
        res.socket?.destroy();
      },
    };
  }

  waitForClientClose(index?: number, timeoutMs = 5000): Promise<R> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const record = index === undefined ? this.requests.at(-1) : this.requests[index];
        if (record?.clientClosed) {
          cleanup();
          resolve(record);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `Request ${index ?? 'last'} was not closed by the client within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.changes.off('change', check);
      };
      this.changes.on('change', check);
      check();
    });
  }

  /** Starts the server; resolves with its origin (http://host:port). */
  async listen(
    handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
    host = '127.0.0.1',
    port = 0,
  ): Promise<string> {
    const server = http.createServer((req, res) => {
      handle(req, res).catch(() => res.destroy());
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    const bound = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
    return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  }

  close(): Promise<void> {
    this.shutdown.abort();
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }
}

/**
 * The stream-only faults played on a plain JSON body, the same on every fake: the connection
 * dropped halfway through, or half the body sent as if it were whole. False for any other fault.
 */
export function breakPlainBody(
  res: http.ServerResponse,
  body: string,
  fault: string | undefined,
  drop: () => void,
): boolean {
  if (fault === 'drop-connection') {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.write(body.slice(0, Math.floor(body.length / 2)), drop);
    return true;
  }
  if (fault === 'malformed-frame' || fault === 'truncated-stream') {
    const cut = body.slice(0, Math.floor(body.length / 2));
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(cut),
    });
    res.end(cut);
    return true;
  }
  return false;
}
