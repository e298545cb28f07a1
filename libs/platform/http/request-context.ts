import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface AuthenticatedUser {
  id: string;
}

declare module 'fastify' {
  /** What the platform attaches to each request (decorated, so every request has this shape). */
  interface FastifyRequest {
    user: AuthenticatedUser | null;
    /** Facts for the access log, filled in by handlers (model, tokens, stop reason, error code). */
    logFields: Record<string, unknown> | null;
  }
}

/** A request after the platform's hooks; `id` is the request id (X-Request-Id, `requestIdOf`). */
export type RequestWithContext = FastifyRequest;

export type HttpReply = FastifyReply;

/** Adds facts to the request's access-log line; later notes win. */
export function addLogFields(req: RequestWithContext, fields: Record<string, unknown>): void {
  // Into the same object: keys added to a spread copy take V8's slow path (Node 20).
  req.logFields = Object.assign(req.logFields ?? {}, fields);
}

/** One request header as a string (a repeated header's first value). */
export function headerOf(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Takes the raw response over for a stream (SSE, NDJSON): Fastify stops managing the reply, and
 * the headers already set on it (rate limits, route headers) are moved to the raw response.
 */
export function takeOverResponse(reply: FastifyReply): ServerResponse {
  const headers = reply.getHeaders();
  reply.hijack();
  const raw = reply.raw;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value !== undefined) raw.setHeader(name, value);
  }
  return raw;
}

/** Aborts when the client goes away before the response is complete. */
export function closeSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableEnded) controller.abort();
  });
  return controller.signal;
}
