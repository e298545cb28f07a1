/**
 * A Bedrock Runtime wire emulator: a real HTTP/1.1 server speaking the protocol the AWS SDK
 * uses (Converse, ConverseStream, InvokeModel, InvokeModelWithResponseStream), with scriptable
 * faults. Tests drive it through the real SDK; `npm run bedrock:emulator` runs it standalone.
 * See libs/llm/README.md for the API and the faults.
 */
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { answer, Exchange } from './bedrock-emulator.handlers';
import { defaultReply } from './bedrock-emulator.replies';
import {
  BedrockEmulator,
  EmulatorBehaviour,
  EmulatorFault,
  EmulatorOperation,
  EmulatorRule,
  RecordedRequest,
  StartEmulatorOptions,
} from './bedrock-emulator.types';
import { sendError } from './bedrock-emulator.wire';

export * from './bedrock-emulator.types';

const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream)$/;
const FAULT_HEADER = 'x-emulator-fault';

interface ActiveRule extends EmulatorRule {
  remaining: number;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function startBedrockEmulator(
  opts: StartEmulatorOptions = {},
): Promise<BedrockEmulator> {
  const initial: EmulatorBehaviour = {
    firstByteDelayMs: 0,
    chunkDelayMs: 0,
    reply: defaultReply,
    ...opts.defaults,
  };
  let behaviour: EmulatorBehaviour = { ...initial };
  let rules: ActiveRule[] = [];
  const requests: RecordedRequest[] = [];
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const sockets = new Set<Socket>();
  const shutdown = new AbortController();

  const pickFault = (operation: EmulatorOperation, modelId: string): EmulatorFault | undefined => {
    const rule = rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.modelId === undefined || r.modelId === modelId) &&
        (r.operation === undefined || r.operation === operation),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    return rule.fault;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const rawPath = req.url ?? '/';
    const body = await readBody(req);
    const route = ROUTE.exec(rawPath.split('?')[0]);
    if (req.method !== 'POST' || !route) {
      return sendError(res, 'UnknownOperationException', {
        status: 404,
        message: `No route for ${req.method} ${rawPath}`,
      });
    }
    const operation = route[2] as EmulatorOperation;
    let modelId: string;
    let parsed: unknown;
    try {
      modelId = decodeURIComponent(route[1]);
      parsed = body.length ? (JSON.parse(body.toString('utf8')) as unknown) : undefined;
    } catch {
      return sendError(res, 'ValidationException', {
        message: 'Malformed input request: the body is not JSON',
      });
    }
    const record: RecordedRequest = {
      operation,
      modelId,
      rawPath,
      body: parsed,
      headers: { ...req.headers },
      receivedAt: Date.now(),
      clientClosed: false,
      finished: false,
    };
    requests.push(record);
    const closed = new AbortController();
    let dropped = false;
    res.on('finish', () => (record.finished = true));
    res.on('close', () => {
      if (!record.finished && !dropped && !shutdown.signal.aborted) record.clientClosed = true;
      closed.abort();
      changes.emit('change');
    });
    changes.emit('change');

    const auth = req.headers.authorization;
    if (typeof auth !== 'string' || !auth.startsWith('AWS4-HMAC-SHA256')) {
      return sendError(res, 'UnrecognizedClientException', { status: 403 });
    }
    let fault: EmulatorFault | undefined;
    const header = req.headers[FAULT_HEADER];
    if (typeof header === 'string' && header.trim()) {
      try {
        fault = JSON.parse(header) as EmulatorFault;
      } catch {
        return sendError(res, 'ValidationException', { message: `${FAULT_HEADER} is not JSON` });
      }
    } else {
      fault = pickFault(operation, modelId);
    }
    record.fault = fault;
    const delays: { firstByteDelayMs?: number; chunkDelayMs?: number } =
      fault?.kind === 'delay' ? fault : {};
    const exchange: Exchange = {
      res,
      operation,
      modelId,
      body: parsed,
      behaviour: {
        ...behaviour,
        firstByteDelayMs: delays.firstByteDelayMs ?? behaviour.firstByteDelayMs,
        chunkDelayMs: delays.chunkDelayMs ?? behaviour.chunkDelayMs,
      },
      fault,
      signal: AbortSignal.any([closed.signal, shutdown.signal]),
      receivedAt: record.receivedAt,
      drop: () => {
        dropped = true;
        res.socket?.destroy();
      },
    };
    try {
      await answer(exchange);
    } catch (error) {
      if (exchange.signal.aborted) return;
      if (!res.headersSent) {
        sendError(res, 'InternalServerException', {
          message: `Emulator failure: ${String(error)}`,
        });
      } else {
        exchange.drop();
      }
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = opts.host ?? '127.0.0.1';
  const port = await listen(server, opts.port ?? 0, host);

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    requests,
    script(rule: EmulatorRule): void {
      rules.push({ ...rule, remaining: rule.times ?? Infinity });
    },
    configure(defaults: Partial<EmulatorBehaviour>): void {
      behaviour = { ...behaviour, ...defaults };
    },
    reset(): void {
      rules = [];
      requests.length = 0;
      behaviour = { ...initial };
    },
    waitForClientClose(index?: number, timeoutMs = 5000): Promise<RecordedRequest> {
      return new Promise((resolve, reject) => {
        const pick = (): RecordedRequest | undefined =>
          index === undefined ? requests.at(-1) : requests[index];
        const check = (): void => {
          const record = pick();
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
          changes.off('change', check);
        };
        changes.on('change', check);
        check();
      });
    },
    close(): Promise<void> {
      shutdown.abort();
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
