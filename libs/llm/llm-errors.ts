/** Error codes of the port; the HTTP layer maps them to 429/503/504/400/502. */
export type LlmErrorCode =
  'throttled' | 'unavailable' | 'timeout' | 'bad_request' | 'provider_auth' | 'aborted';

export abstract class LlmError extends Error {
  abstract readonly code: LlmErrorCode;
  abstract readonly httpStatus: number;
  abstract readonly retryable: boolean;
  constructor(
    message: string,
    readonly providerCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class LlmThrottledError extends LlmError {
  readonly code = 'throttled' as const;
  readonly httpStatus = 429;
  readonly retryable = true;
  constructor(
    message: string,
    /** Hint from the provider (or our own estimate) of when a retry may pass. */
    readonly retryAfterMs?: number,
    providerCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, providerCode, options);
  }
}

export class LlmUnavailableError extends LlmError {
  readonly code = 'unavailable' as const;
  readonly httpStatus: number;
  readonly retryable = true;
  constructor(
    message: string,
    providerCode?: string,
    options?: { cause?: unknown; httpStatus?: 502 | 503 },
  ) {
    super(message, providerCode, options);
    this.httpStatus = options?.httpStatus ?? 503;
  }
}

export class LlmTimeoutError extends LlmError {
  readonly code = 'timeout' as const;
  readonly httpStatus = 504;
  readonly retryable = true;
}

export class LlmBadRequestError extends LlmError {
  readonly code = 'bad_request' as const;
  readonly httpStatus = 400;
  readonly retryable = false;
}

/** Our credentials for the provider are wrong: the caller gets a 502, operators a loud log. */
export class LlmAuthError extends LlmError {
  readonly code = 'provider_auth' as const;
  readonly httpStatus = 502;
  readonly retryable = false;
}

/** The caller aborted (client gone, stop requested, shutdown). Not an upstream failure. */
export class LlmAbortedError extends LlmError {
  readonly code = 'aborted' as const;
  readonly httpStatus = 499;
  readonly retryable = false;
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
