import type { ServerResponse } from 'node:http';
import { sleep } from '@app/llm/internal/abort';
import { ChatPlan, planChat } from './bedrock-emulator.replies';
import { sendHtml502 } from './bedrock-emulator.wire';
import { breakPlainBody } from './fake-server.kit';
import {
  completionBody,
  completionChunks,
  embeddingsBody,
  finishOf,
  readOpenAiChat,
} from './openai-fake.replies';
import { OpenAiFakeBehaviour, OpenAiFakeFault, OpenAiFakeRoute } from './openai-fake.types';
import { openAiToolCall, openAiToolChunks, openAiToolCompletion } from './emulator-tools';

/** One request being answered. */
export interface FakeExchange {
  res: ServerResponse;
  route: OpenAiFakeRoute;
  model: string;
  body: unknown;
  stream: boolean;
  includeUsage: boolean;
  behaviour: OpenAiFakeBehaviour;
  fault?: OpenAiFakeFault;
  /** Aborted when the connection closes or the server shuts down. */
  signal: AbortSignal;
  /** Destroys the socket on purpose (not counted as a client close). */
  drop(): void;
}

/** The HTTP status an OpenAI-compatible server would use for each Bedrock exception class. */
const STATUS: Record<string, number> = {
  ThrottlingException: 429,
  ServiceQuotaExceededException: 429,
  ServiceUnavailableException: 503,
  ModelNotReadyException: 503,
  InternalServerException: 500,
  ModelStreamErrorException: 500,
  ModelErrorException: 500,
  ModelTimeoutException: 408,
  ValidationException: 400,
  ResourceNotFoundException: 404,
  AccessDeniedException: 403,
  UnrecognizedClientException: 401,
};

export function statusOf(type: string): number {
  return STATUS[type.charAt(0).toUpperCase() + type.slice(1)] ?? 400;
}

function errorType(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** An OpenAI-style JSON error: `{"error": {message, type, param, code}}`. */
export function sendFakeError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({
    error: { message, type: errorType(status), param: null, code: null },
  });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

let counter = 0;
const nextId = (): string => `chatcmpl-fake${process.pid}x${(counter += 1)}`;

/** Answers one request, applying its fault. Resolves when done (or when the client left). */
export async function answerFake(ex: FakeExchange): Promise<void> {
  const { res, fault } = ex;
  if (fault?.kind === 'hang') return; // accept, never answer: only a close ends it
  await sleep(ex.behaviour.firstByteDelayMs, ex.signal);
  switch (fault?.kind) {
    case 'throttle': {
      const after = fault.retryAfterSeconds;
      const headers: Record<string, string> =
        after !== undefined ? { 'retry-after': String(after) } : {};
      return sendFakeError(res, 429, 'Rate limit reached for requests', headers);
    }
    case 'error':
      return sendFakeError(res, fault.status ?? statusOf(fault.type), fault.message ?? fault.type);
    case 'html-502':
      return sendHtml502(res);
    case 'drop-connection':
      if (fault.afterChunks === undefined) return ex.drop();
      break;
  }
  if (ex.route === 'embeddings') {
    const answer = embeddingsBody(ex.body);
    if ('invalid' in answer) return sendFakeError(res, 400, answer.invalid);
    return sendBody(ex, JSON.stringify(answer.ok));
  }
  const view = readOpenAiChat(ex.body);
  if (!view) return sendFakeError(res, 400, "'messages' must be a non-empty array");
  const ids = { id: nextId(), model: ex.model, created: Math.floor(Date.now() / 1000) };
  const toolCall = openAiToolCall(ex.body);
  if (toolCall && !ex.stream)
    return sendBody(ex, JSON.stringify(openAiToolCompletion(toolCall, ids)));
  if (toolCall) return streamToolCall(ex, openAiToolChunks(toolCall, ids, ex.includeUsage));
  const ctx = { modelId: ex.model, operation: ex.stream ? 'chat-stream' : 'chat', body: ex.body };
  const plan = planChat(view, ex.behaviour, ctx);
  const finish = finishOf(plan, ex.behaviour.reply(ctx), view);
  if (!ex.stream) return sendBody(ex, JSON.stringify(completionBody(ids, plan, finish)));
  return streamChat(ex, plan, completionChunks(ids, plan, finish, ex.includeUsage));
}

/** A whole JSON answer, or the stream-only faults played on a plain body. */
function sendBody(ex: FakeExchange, body: string): void {
  const { res, fault } = ex;
  if (fault?.kind === 'mid-stream-exception')
    return sendFakeError(res, statusOf(fault.type ?? 'ThrottlingException'), 'Upstream failed');
  if (breakPlainBody(res, body, fault?.kind, () => ex.drop())) return;
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const sse = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;

function streamToolCall(ex: FakeExchange, chunks: object[]): void {
  ex.res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  for (const chunk of chunks) if (!ex.signal.aborted) ex.res.write(sse(chunk));
  ex.res.end('data: [DONE]\n\n');
}

async function streamChat(
  ex: FakeExchange,
  plan: ChatPlan,
  chunks: ReturnType<typeof completionChunks>,
): Promise<void> {
  const { res, fault } = ex;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  let flushed: Promise<void> = Promise.resolve();
  const write = (text: string): boolean => {
    if (ex.signal.aborted) return false;
    flushed = new Promise((resolve) => res.write(text, () => resolve()));
    return true;
  };
  write(sse(chunks.head));
  const faultAt =
    fault && 'afterChunks' in fault && fault.afterChunks !== undefined ? fault.afterChunks : -1;
  for (let i = 0; i <= plan.chunks.length; i += 1) {
    if (i === Math.min(faultAt, plan.chunks.length)) {
      await flushed; // what was written reaches the client before the fault
      return playStreamFault(ex);
    }
    if (i === plan.chunks.length) break;
    if (i > 0) await sleep(ex.behaviour.chunkDelayMs, ex.signal);
    if (!write(sse(chunks.deltas[i]))) return;
  }
  await sleep(ex.behaviour.chunkDelayMs, ex.signal);
  for (const payload of chunks.tail) write(sse(payload));
  write('data: [DONE]\n\n');
  res.end();
}

function playStreamFault(ex: FakeExchange): void {
  const { res, fault } = ex;
  switch (fault?.kind) {
    case 'mid-stream-exception': {
      const status = statusOf(fault.type ?? 'throttlingException');
      const error = {
        message: 'Upstream failed mid-stream',
        type: errorType(status),
        code: status,
      };
      res.write(sse({ error }));
      return void res.end();
    }
    case 'drop-connection':
      return ex.drop();
    case 'malformed-frame':
      res.write('data: {"choices": [{"delta": {"content": "brok\n\n');
      return void res.end();
    case 'truncated-stream':
      return void res.end();
  }
}
