import type * as http from 'node:http';
import type { Message } from '@smithy/types';
import { readBody } from '../internal/read-body';
import { streamException } from './bedrock-stream-exception';

// What the wire hands the adapter, in the shapes the AWS SDK gives: outputs' metadata, errors
// (name, $metadata, $response) and event-stream members, so that the adapter and
// mapBedrockError read both alike.

type Json = Record<string, unknown>;

/** Named like the SDK's errors, so that mapBedrockError reads both alike. */
function serviceError(
  name: string,
  message: string,
  status: number,
  headers: http.IncomingHttpHeaders,
): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: headers['x-amzn-requestid'] },
    $response: { statusCode: status, headers: flatHeaders(headers) },
  });
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

export function namedError(name: string, message: string, code?: string): Error {
  return Object.assign(new Error(message), { name, ...(code ? { code } : {}) });
}

export const metadataOf = (res: http.IncomingMessage) => ({
  httpStatusCode: res.statusCode,
  requestId: res.headers['x-amzn-requestid'] as string | undefined,
});

/** The error of a non-2xx answer: its class from x-amzn-errortype (or the body), as the SDK does. */
export async function errorOf(res: http.IncomingMessage): Promise<Error> {
  const status = res.statusCode ?? 500;
  const text = (await readBody(res)).toString('utf8');
  let body: Json = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Json;
  } catch {
    // An HTML page from a proxy: the status is all there is.
  }
  const typeHeader = res.headers['x-amzn-errortype'];
  const rawType =
    (typeof typeHeader === 'string' ? typeHeader : undefined) ??
    (typeof body.__type === 'string' ? body.__type : undefined) ??
    (typeof body.code === 'string' ? body.code : undefined);
  const name = rawType ? rawType.split(':')[0].split('#').pop()! : 'UnknownError';
  const message =
    (typeof body.message === 'string' && body.message) ||
    (typeof body.Message === 'string' && body.Message) ||
    `HTTP ${status}${text && !rawType ? `: ${text.slice(0, 200)}` : ''}`;
  return serviceError(name, message, status, res.headers);
}

/**
 * One event-stream message as the SDK's deserializer gives it: `{ [eventType]: payload }`, a
 * modelled exception `{ [type]: Error }`, or `$unknown`. InvokeModelWithResponseStream's chunk
 * carries its bytes base64-encoded in JSON.
 */
export async function streamMember(input: Record<string, Message>): Promise<Json> {
  const [type, message] = Object.entries(input)[0];
  const text = Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength);
  let payload: Json;
  try {
    payload = JSON.parse(text.toString('utf8')) as Json;
  } catch {
    return { $unknown: [type, message] };
  }
  const exception = streamException({ [type]: payload });
  if (exception) return { [type]: exception };
  if (type === 'chunk' && typeof payload.bytes === 'string') {
    return { chunk: { ...payload, bytes: new Uint8Array(Buffer.from(payload.bytes, 'base64')) } };
  }
  return { [type]: payload };
}
