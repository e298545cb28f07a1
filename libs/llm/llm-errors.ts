/** The kinds of failure of the port; the interface layer maps them to HTTP statuses. */
export type LlmErrorCode =
  'throttled' | 'unavailable' | 'timeout' | 'bad_request' | 'provider_auth' | 'aborted';

export abstract class LlmError extends Error {
  abstract readonly code: LlmErrorCode;
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

/** The provider is down, overloaded, or its answer was broken (dropped, truncated, unparsable). */
export class LlmUnavailableError extends LlmError {
  readonly code = 'unavailable' as const;
  readonly retryable = true;
}

export class LlmTimeoutError extends LlmError {
  readonly code = 'timeout' as const;
  readonly retryable = true;
}

export class LlmBadRequestError extends LlmError {
  readonly code = 'bad_request' as const;
  readonly retryable = false;
}

/** Our credentials for the provider are wrong: not the caller's fault, and operators get a loud log. */
export class LlmAuthError extends LlmError {
  readonly code = 'provider_auth' as const;
  /**
   * False, except for a refused signature after which the client corrected its clock offset
   * from the provider's answer: the next attempt is signed with the right time and passes.
   */
  readonly retryable: boolean;
  constructor(
    message: string,
    providerCode?: string,
    options?: { cause?: unknown; clockSkewCorrected?: boolean },
  ) {
    super(message, providerCode, options);
    this.retryable = options?.clockSkewCorrected === true;
  }
}

/** The caller aborted (client gone, stop requested, shutdown). Not an upstream failure. */
export class LlmAbortedError extends LlmError {
  readonly code = 'aborted' as const;
  readonly retryable = false;
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
