/** An answer of the API in its error envelope, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from Retry-After, when the server sent one. */
    readonly retryAfterS?: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function waitInWords(seconds: number | undefined): string {
  if (seconds === undefined) return 'in a moment';
  if (seconds < 90) return `in ${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `in ${Math.ceil(seconds / 60)} min`;
  return `in ${Math.round(seconds / 3600)} h`;
}

/** What the person reads: plain words first, the API's code in brackets. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
  }
  const { status, code, message, retryAfterS } = error;
  switch (code) {
    case 'rate_limited':
      return `You are sending too fast. Try again ${waitInWords(retryAfterS)}. (${code})`;
    case 'token_budget_exceeded':
      return `Today's token budget is used up. Try again ${waitInWords(retryAfterS)}. (${code})`;
    case 'provider_throttled':
      return `The model provider is busy. Try again ${waitInWords(retryAfterS)}. (${code}: ${message})`;
    case 'provider_unavailable':
    case 'provider_timeout':
    case 'provider_auth':
    case 'provider_rejected':
      return `The model provider failed (${code}): ${message}`;
    case 'network_error':
      return `Cannot reach the server: ${message}`;
  }
  if (status === 401) return `Sign-in refused (${code}): ${message}`;
  if (status === 404) return `Not found (${code}): ${message}`;
  if (status === 413) return `Too long (${code}): ${message}`;
  return `${message} (${code})`;
}
