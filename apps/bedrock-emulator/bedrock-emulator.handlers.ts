import type { ServerResponse } from 'node:http';
import { sleep } from '@app/llm/internal/abort';
import { breakPlainBody } from './fake-server.kit';
import {
  anthropicResponse,
  anthropicStreamFrames,
  ChatPlan,
  cohereEmbedding,
  converseResponse,
  converseStreamFrames,
  EmbedAnswer,
  FramePlan,
  planChat,
  readChat,
  titanEmbedding,
} from './bedrock-emulator.replies';
import { EmulatorBehaviour, EmulatorFault, EmulatorOperation } from './bedrock-emulator.types';
import {
  converseToolCall,
  converseToolFrames,
  converseToolResponse,
  EmulatedToolCall,
} from './emulator-tools';
import {
  eventFrame,
  exceptionFrame,
  malformedFrame,
  zeroLengthFrame,
  requestId,
  sendError,
  sendHtml502,
  sendJson,
  startEventStream,
} from './bedrock-emulator.wire';

/** One request being answered. */
export interface Exchange {
  res: ServerResponse;
  operation: EmulatorOperation;
  modelId: string;
  body: unknown;
  behaviour: EmulatorBehaviour;
  fault?: EmulatorFault;
  /** Aborted when the connection closes or the emulator shuts down. */
  signal: AbortSignal;
  receivedAt: number;
  /** Destroys the socket on purpose (not counted as a client close). */
  drop(): void;
}

const upperFirst = (type: string): string => type.charAt(0).toUpperCase() + type.slice(1);
const isStreaming = (op: EmulatorOperation): boolean =>
  op === 'converse-stream' || op === 'invoke-with-response-stream';

/** Answers one request, applying its fault. Resolves when done (or when the client left). */
export async function answer(ex: Exchange): Promise<void> {
  const { res, fault } = ex;
  if (fault?.kind === 'hang') return; // accept, never answer: only a close ends it
  await sleep(ex.behaviour.firstByteDelayMs, ex.signal);
  switch (fault?.kind) {
    case 'throttle': {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined
          ? { 'retry-after': String(fault.retryAfterSeconds) }
          : {};
      return sendError(res, 'ThrottlingException', { headers });
    }
    case 'error':
      return sendError(res, fault.type, { status: fault.status, message: fault.message });
    case 'html-502':
      return sendHtml502(res);
    case 'drop-connection':
      if (fault.afterChunks === undefined) return ex.drop();
      break;
  }
  const family = familyOf(ex);
  if (family === 'titan' || family === 'cohere') {
    if (isStreaming(ex.operation)) {
      return sendError(res, 'ValidationException', {
        message: 'The model does not support streaming',
      });
    }
    const id = requestId();
    const result: EmbedAnswer =
      family === 'titan' ? titanEmbedding(ex.body) : cohereEmbedding(ex.body, id);
    if ('invalid' in result)
      return sendError(res, 'ValidationException', { message: result.invalid });
    return sendBody(ex, JSON.stringify(result.ok));
  }
  const view = readChat(ex.body);
  if (!view) {
    return sendError(res, 'ValidationException', {
      message: 'Malformed input request: the body holds no messages',
    });
  }
  const toolCall = ex.operation.startsWith('converse') ? converseToolCall(ex.body) : undefined;
  if (toolCall) return answerToolCall(ex, toolCall);
  const plan = planChat(view, ex.behaviour, {
    modelId: ex.modelId,
    operation: ex.operation,
    body: ex.body,
  });
  if (isStreaming(ex.operation)) return streamChat(ex, plan);
  const latency = Date.now() - ex.receivedAt;
  const json =
    ex.operation === 'converse'
      ? converseResponse(plan, latency)
      : anthropicResponse(plan, ex.modelId, `msg_${requestId()}`);
  return sendBody(ex, JSON.stringify(json));
}

/** A Converse tool call, whole or streamed (faults other than the early ones do not apply). */
function answerToolCall(ex: Exchange, call: EmulatedToolCall): void {
  const latency = (): number => Date.now() - ex.receivedAt;
  if (ex.operation === 'converse') {
    return sendJson(ex.res, converseToolResponse(call, latency()));
  }
  startEventStream(ex.res);
  for (const [type, payload] of converseToolFrames(call, latency)) {
    if (!ex.signal.aborted) ex.res.write(eventFrame(type, payload));
  }
  ex.res.end();
}

function familyOf(ex: Exchange): 'titan' | 'cohere' | 'chat' {
  const id = ex.modelId.toLowerCase();
  if (ex.operation.startsWith('invoke') && id.includes('titan-embed')) return 'titan';
  if (ex.operation.startsWith('invoke') && id.includes('cohere.embed')) return 'cohere';
  return 'chat';
}

/** A whole JSON answer, or the stream-only faults played on a plain body. */
function sendBody(ex: Exchange, body: string): void {
  const { res, fault } = ex;
  if (fault?.kind === 'mid-stream-exception')
    return sendError(res, upperFirst(fault.type ?? 'ThrottlingException'));
  if (breakPlainBody(res, body, fault?.kind, () => ex.drop())) return;
  sendJson(res, JSON.parse(body) as unknown);
}

async function streamChat(ex: Exchange, plan: ChatPlan): Promise<void> {
  const { res, fault } = ex;
  const latency = (): number => Date.now() - ex.receivedAt;
  const frames: FramePlan =
    ex.operation === 'converse-stream'
      ? converseStreamFrames(plan, latency)
      : anthropicStreamFrames(plan, ex.modelId, `msg_${requestId()}`, latency);
  startEventStream(
    res,
    ex.operation === 'invoke-with-response-stream'
      ? { 'x-amzn-bedrock-content-type': 'application/json' }
      : {},
  );
  let flushed: Promise<void> = Promise.resolve();
  const write = (frame: Uint8Array): boolean => {
    if (ex.signal.aborted) return false;
    flushed = new Promise((resolve) => res.write(frame, () => resolve()));
    return true;
  };
  for (const [type, payload] of frames.head) write(eventFrame(type, payload));
  const faultAt =
    fault && 'afterChunks' in fault && fault.afterChunks !== undefined ? fault.afterChunks : -1;
  for (let i = 0; i <= frames.deltas.length; i += 1) {
    if (i === Math.min(faultAt, frames.deltas.length)) {
      await flushed; // what was written reaches the client before the fault
      return playStreamFault(ex);
    }
    if (i === frames.deltas.length) break;
    if (i > 0) await sleep(ex.behaviour.chunkDelayMs, ex.signal);
    const [type, payload] = frames.deltas[i];
    if (!write(eventFrame(type, payload))) return;
  }
  await sleep(ex.behaviour.chunkDelayMs, ex.signal);
  for (const [type, payload] of frames.tail()) write(eventFrame(type, payload));
  res.end();
}

function playStreamFault(ex: Exchange): void {
  const { res, fault } = ex;
  switch (fault?.kind) {
    case 'mid-stream-exception':
      res.write(exceptionFrame(fault.type ?? 'throttlingException'));
      return void res.end();
    case 'drop-connection':
      return ex.drop();
    case 'malformed-frame':
      res.write(malformedFrame());
      return void res.end();
    case 'zero-length-frame':
      // Left open: only a reader that refuses the frame ends the call before its timeout.
      res.write(zeroLengthFrame());
      return;
    case 'truncated-stream':
      return void res.end();
  }
}
