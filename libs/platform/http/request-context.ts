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
