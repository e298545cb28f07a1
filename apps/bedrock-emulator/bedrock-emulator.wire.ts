import type { ServerResponse } from 'node:http';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** The HTTP status Bedrock answers with, per exception class. */
export const ERROR_STATUS: Record<string, number> = {
  ThrottlingException: 429,
  ServiceUnavailableException: 503,
  ModelTimeoutException: 408,
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ModelNotReadyException: 429,
  ServiceQuotaExceededException: 400,
  InternalServerException: 500,
  ModelErrorException: 424,
  ModelStreamErrorException: 424,
  UnrecognizedClientException: 403,
};

const DEFAULT_MESSAGE: Record<string, string> = {
  ThrottlingException: 'Too many requests, please wait before trying again.',
  ServiceUnavailableException: 'Bedrock is unable to process your request.',
  ModelTimeoutException: 'Model has timed out in processing the request. Try your request again.',
  ValidationException: 'Malformed input request, please reformat your input and try again.',
  AccessDeniedException: "You don't have access to the model with the specified model ID.",
  ResourceNotFoundException: 'The requested resource could not be found.',
  ModelNotReadyException: 'The model is not ready to serve inference requests.',
  ServiceQuotaExceededException: 'Your request exceeded a service quota.',
  InternalServerException: 'The server encountered an internal error.',
  UnrecognizedClientException: 'The security token included in the request is invalid.',
};

let requestCounter = 0;
export function requestId(): string {
  requestCounter += 1;
  return `emu-${process.pid}-${Date.now().toString(36)}-${requestCounter}`;
}

/** A Bedrock-style JSON error: status, `x-amzn-errortype` header, `{"message": ...}` body. */
export function sendError(
  res: ServerResponse,
  type: string,
  options: { status?: number; message?: string; headers?: Record<string, string> } = {},
): void {
  const body = JSON.stringify({ message: options.message ?? DEFAULT_MESSAGE[type] ?? type });
  res.writeHead(options.status ?? ERROR_STATUS[type] ?? 400, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': type,
    'x-amzn-requestid': requestId(),
    ...options.headers,
  });
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId(),
    ...headers,
  });
  res.end(body);
}

/** What a proxy or load balancer in front of Bedrock answers when it breaks. */
export function sendHtml502(res: ServerResponse): void {
  const body =
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';
  res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function startEventStream(res: ServerResponse, extra: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'transfer-encoding': 'chunked',
    'x-amzn-requestid': requestId(),
    ...extra,
  });
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const str = (value: string): { type: 'string'; value: string } => ({ type: 'string', value });

/** One `:message-type: event` frame with a JSON payload. */
export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': str(eventType),
      ':content-type': str('application/json'),
      ':message-type': str('event'),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** A mid-stream exception: `:message-type: exception`, `:exception-type` in lowerCamel. */
export function exceptionFrame(type: string, message?: string): Uint8Array {
  const exceptionType = type.charAt(0).toLowerCase() + type.slice(1);
  const upper = type.charAt(0).toUpperCase() + type.slice(1);
  return codec.encode({
    headers: {
      ':exception-type': str(exceptionType),
      ':content-type': str('application/json'),
      ':message-type': str('exception'),
    },
    body: fromUtf8(JSON.stringify({ message: message ?? DEFAULT_MESSAGE[upper] ?? upper })),
  });
}

/**
 * An event-stream prelude announcing a frame of total length 0 (headers length 0, prelude CRC
 * valid): no frame can be that short, so a reader must fail on it rather than wait for it.
 */
export function zeroLengthFrame(): Uint8Array {
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(0x6522df69, 8); // CRC-32 of the eight zero bytes before it
  return new Uint8Array(prelude);
}

/** A frame whose payload was damaged after encoding: its message CRC no longer matches. */
export function malformedFrame(): Uint8Array {
  const frame = eventFrame('contentBlockDelta', {
    contentBlockIndex: 0,
    delta: { text: 'this frame is corrupted' },
  });
  const damaged = new Uint8Array(frame);
  damaged[damaged.length - 8] ^= 0xff;
  return damaged;
}
