import type { Request } from 'express';

export interface AuthenticatedUser {
  id: string;
}

/** What the platform attaches to each request. */
export interface RequestWithContext extends Request {
  requestId?: string;
  user?: AuthenticatedUser;
  /** Facts for the access log, filled in by handlers (model, tokens, stop reason, error code). */
  logFields?: Record<string, unknown>;
}

/** Adds facts to the request's access-log line; later notes win. */
export function addLogFields(req: RequestWithContext, fields: Record<string, unknown>): void {
  // Into the same object: keys added to a spread copy take V8's slow path (Node 20).
  req.logFields = Object.assign(req.logFields ?? {}, fields);
}
