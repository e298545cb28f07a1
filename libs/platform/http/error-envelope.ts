/** The one error envelope of every endpoint. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

export interface ErrorEnvelope {
  error: ErrorBody;
}

/** An error that already knows its HTTP form; any layer may throw it. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
