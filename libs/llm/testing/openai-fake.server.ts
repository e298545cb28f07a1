/**
 * A small fake OpenAI-compatible server (what OpenAI, Ollama, vLLM and LM Studio serve under
 * `/v1`): chat completions as JSON or SSE `data:` chunks ending `data: [DONE]`, embeddings,
 * scriptable faults, request recording and client-close detection. Tests drive it through the
 * real `openai` SDK; it mirrors the Bedrock wire emulator's API.
 */
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { defaultReply } from './bedrock-emulator.replies';
import { answerFake, FakeExchange, sendFakeError } from './openai-fake.handlers';
import {
  OpenAiFake,
  OpenAiFakeBehaviour,
  OpenAiFakeFault,
  OpenAiFakeRoute,
  OpenAiFakeRule,
  OpenAiRecordedRequest,
  StartOpenAiFakeOptions,
} from './openai-fake.types';

export * from './openai-fake.types';

const ROUTES: Record<string, OpenAiFakeRoute> = {
  '/v1/chat/completions': 'chat',
  '/v1/embeddings': 'embeddings',
};
const FAULT_HEADER = 'x-fake-fault';

interface ActiveRule extends OpenAiFakeRule {
  remaining: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

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

export async function startOpenAiFake(opts: StartOpenAiFakeOptions = {}): Promise<OpenAiFake> {
  const initial: OpenAiFakeBehaviour = {
    firstByteDelayMs: 0,
    chunkDelayMs: 0,
    reply: defaultReply,
    ...opts.defaults,
  };
  let behaviour: OpenAiFakeBehaviour = { ...initial };
  let rules: ActiveRule[] = [];
  const requests: OpenAiRecordedRequest[] = [];
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const sockets = new Set<Socket>();
  const shutdown = new AbortController();

  const pickFault = (route: OpenAiFakeRoute, model: string): OpenAiFakeFault | undefined => {
    const rule = rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.model === undefined || r.model === model) &&
        (r.route === undefined || r.route === route),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    return rule.fault;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length ? (JSON.parse(raw.toString('utf8')) as unknown) : undefined;
    } catch {
      return sendFakeError(res, 400, 'We could not parse the JSON body of your request.');
    }
    const route = req.method === 'POST' ? ROUTES[path] : undefined;
    const record: OpenAiRecordedRequest = {
      route: route ?? 'unknown',
      model: isObject(body) && typeof body.model === 'string' ? body.model : '',
      path,
      body,
      headers: { ...req.headers },
      stream: isObject(body) && body.stream === true,
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

    if (!route) return sendFakeError(res, 404, `Unknown route ${req.method} ${path}`);
    if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return sendFakeError(res, 401, 'Incorrect API key provided.');
    }
    let fault: OpenAiFakeFault | undefined;
    const header = req.headers[FAULT_HEADER];
    if (typeof header === 'string' && header.trim()) {
      try {
        fault = JSON.parse(header) as OpenAiFakeFault;
      } catch {
        return sendFakeError(res, 400, `${FAULT_HEADER} is not JSON`);
      }
    } else {
      fault = pickFault(route, record.model);
    }
    record.fault = fault;
    const delays: { firstByteDelayMs?: number; chunkDelayMs?: number } =
      fault?.kind === 'delay' ? fault : {};
    const options = isObject(body) && isObject(body.stream_options) ? body.stream_options : {};
    const exchange: FakeExchange = {
      res,
      route,
      model: record.model,
      body,
      stream: record.stream,
      includeUsage: options.include_usage === true,
      behaviour: {
        ...behaviour,
        firstByteDelayMs: delays.firstByteDelayMs ?? behaviour.firstByteDelayMs,
        chunkDelayMs: delays.chunkDelayMs ?? behaviour.chunkDelayMs,
      },
      fault,
      signal: AbortSignal.any([closed.signal, shutdown.signal]),
      drop: () => {
        dropped = true;
        res.socket?.destroy();
      },
    };
    try {
      await answerFake(exchange);
    } catch (error) {
      if (exchange.signal.aborted) return;
      if (!res.headersSent) sendFakeError(res, 500, `Fake server failure: ${String(error)}`);
      else exchange.drop();
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
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/v1`,
    requests,
    script(rule: OpenAiFakeRule): void {
      rules.push({ ...rule, remaining: rule.times ?? Infinity });
    },
    configure(defaults: Partial<OpenAiFakeBehaviour>): void {
      behaviour = { ...behaviour, ...defaults };
    },
    reset(): void {
      rules = [];
      requests.length = 0;
      behaviour = { ...initial };
    },
    waitForClientClose(index?: number, timeoutMs = 5000): Promise<OpenAiRecordedRequest> {
      return new Promise((resolve, reject) => {
        const pick = (): OpenAiRecordedRequest | undefined =>
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
          reject(new Error(`Request ${index ?? 'last'} was not closed within ${timeoutMs} ms`));
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
