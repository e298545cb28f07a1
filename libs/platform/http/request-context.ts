import type { ServerResponse } from 'node:http';
import type { Request, Response } from 'express';

export interface AuthenticatedUser {
  id: string;
  /** May call `@AdminOnly()` routes (JWT admin claim, ADMIN_API_KEY, or ADMIN_USER_IDS in AUTH_MODE=none). */
  isAdmin: boolean;
  /** Set when the caller authenticated with a stored API key: that key's id (never its value). */
  apiKeyId?: string;
}

/** The own limits of the API key a request was authenticated with (null: the owner's limits). */
export interface ApiKeyLimits {
  id: string;
  requestsPerMinute: number | null;
  dailyTokenLimit: number | null;
}

/** A request after the platform's middleware and guards. */
export interface RequestWithContext extends Request {
  /** The request id (X-Request-Id, `requestIdOf`), set by the first middleware. */
  id: string;
  /** Set by the auth guard; absent on public routes and requests refused before it. */
  user?: AuthenticatedUser | null;
  /** Set by the auth guard for a request authenticated with a stored API key. */
  apiKey?: ApiKeyLimits | null;
  /** Facts for the access log, filled in by handlers (model, tokens, stop reason, error code). */
  logFields?: Record<string, unknown> | null;
  /** The matched route pattern, noted by the access-log interceptor. */
  routePattern?: string;
  /**
   * Told of each batch of facts noted for the access log, when they are noted: the API key
   * budget counts an answer's tokens this way, also for a turn that finishes after its client left.
   */
  logFieldsListener?: ((fields: Record<string, unknown>) => void) | null;
}

export type HttpReply = Response;

/** Adds facts to the request's access-log line; later notes win. */
export function addLogFields(req: RequestWithContext, fields: Record<string, unknown>): void {
  // Into the same object: keys added to a spread copy take V8's slow path (Node 20).
  req.logFields = Object.assign(req.logFields ?? {}, fields);
  req.logFieldsListener?.(fields);
}

/** One request header as a string (a repeated header's first value). */
export function headerOf(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Aborts when the client goes away before the response is complete. */
export function closeSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableEnded) controller.abort();
  });
  return controller.signal;
}
