import {
  LlmAbortedError,
  LlmAuthError,
  LlmBadRequestError,
  LlmError,
  LlmThrottledError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../llm-errors';

/** What we read off an SDK error, a transport error or a Node system error. */
interface ErrorShape {
  name?: string;
  code?: string;
  message?: string;
  /** `clockSkewCorrected`: the SDK moved its clock offset after this refusal. */
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
}

const AUTH_NAMES = new Set([
  'unrecognizedclientexception',
  'expiredtokenexception',
  'expiredtoken',
  'invalidsignatureexception',
  'incompletesignatureexception',
  'missingauthenticationtokenexception',
  'invalidclienttokenid',
  'signaturedoesnotmatch',
  'credentialsprovidererror',
  'accessdeniedexception',
]);

const TRANSPORT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Parses `retry-after` (seconds or HTTP date) or `x-amz-retry-after` (ms) into milliseconds. */
export function retryAfterMsFrom(
  headers: Record<string, string | undefined> | undefined,
): number | undefined {
  if (!headers) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const header = name.toLowerCase();
    if (header === 'x-amz-retry-after' && /^\d+$/.test(value.trim())) return Number(value);
    if (header === 'retry-after') {
      if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
      const date = Date.parse(value);
      if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
    }
  }
  return undefined;
}

/** Bedrock's words for a request signed more than 5 minutes off its clock. */
const SKEWED_SIGNATURE = /Signature (expired|not yet current)/;

/**
 * A refusal of our credentials. The SDK corrects its clock offset from the refusal's Date
 * header (flagging `clockSkewCorrected` when the host clock itself is off), so a skew refusal
 * is retryable: the next attempt is signed with the corrected time. The SDK's own retry rules
 * read the same two signs.
 */
function authError(message: string, name: string, shape: ErrorShape, cause: unknown): LlmAuthError {
  const clockSkewCorrected =
    shape.$metadata?.clockSkewCorrected === true ||
    (name === 'InvalidSignatureException' && SKEWED_SIGNATURE.test(shape.message ?? ''));
  return new LlmAuthError(message, name, { cause, clockSkewCorrected });
}

function fromName(
  name: string,
  message: string,
  shape: ErrorShape,
  cause: unknown,
): LlmError | undefined {
  const key = name.toLowerCase();
  const options = { cause };
  switch (key) {
    case 'throttlingexception':
    case 'servicequotaexceededexception':
    case 'toomanyrequestsexception':
      return new LlmThrottledError(
        message,
        retryAfterMsFrom(shape.$response?.headers),
        name,
        options,
      );
    case 'modelnotreadyexception':
    case 'serviceunavailableexception':
      return new LlmUnavailableError(message, name, { cause });
    case 'internalserverexception':
    case 'modelstreamerrorexception':
    case 'modelerrorexception':
      return new LlmUnavailableError(message, name, { cause });
    case 'modeltimeoutexception':
    case 'timeouterror':
      return new LlmTimeoutError(message, name, options);
    case 'validationexception':
    case 'resourcenotfoundexception':
      return new LlmBadRequestError(message, name, options);
    case 'aborterror':
      return new LlmAbortedError('The LLM call was aborted', name, options);
  }
  if (AUTH_NAMES.has(key)) return authError(message, name, shape, cause);
  return undefined;
}

function fromStatus(
  status: number,
  name: string,
  message: string,
  shape: ErrorShape,
  cause: unknown,
): LlmError {
  if (status === 429) {
    return new LlmThrottledError(message, retryAfterMsFrom(shape.$response?.headers), name, {
      cause,
    });
  }
  if (status === 408 || status === 504) return new LlmTimeoutError(message, name, { cause });
  if (status === 401 || status === 403) return authError(message, name, shape, cause);
  if (status >= 400 && status < 500) return new LlmBadRequestError(message, name, { cause });
  return new LlmUnavailableError(message, name, { cause });
}

/**
 * Maps anything the Bedrock SDK or the transport throws to the port's error classes.
 * `signal` tells a caller's abort apart from a transport failure that merely looks like one.
 */
export function mapBedrockError(error: unknown, signal?: AbortSignal): LlmError {
  if (error instanceof LlmError) return error;
  if (signal?.aborted) {
    return new LlmAbortedError('The LLM call was aborted', undefined, { cause: error });
  }
  const shape: ErrorShape =
    typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
  const name = shape.name ?? 'Error';
  const raw = shape.message ?? String(error);
  const message = `Bedrock ${name}: ${raw}`;
  // The HTTP handler renames ECONNRESET/EPIPE failures "TimeoutError": a reset is no timeout.
  if (shape.code && TRANSPORT_CODES.has(shape.code) && name !== 'AbortError') {
    return new LlmUnavailableError(message, shape.code, { cause: error });
  }
  const byName = fromName(name, message, shape, error);
  if (byName) return byName;
  const status = shape.$metadata?.httpStatusCode ?? shape.$response?.statusCode;
  const deserialization = name === 'SyntaxError' || /deserializ/i.test(raw);
  if (status !== undefined && status >= 400 && !(deserialization && status < 300)) {
    return fromStatus(status, name, message, shape, error);
  }
  if (shape.code === 'ETIMEDOUT') return new LlmTimeoutError(message, shape.code, { cause: error });
  // A bare SyntaxError (an HTML 502 from a proxy), a broken frame, "socket hang up", "aborted"
  // and anything unknown: the upstream answer was unusable.
  return new LlmUnavailableError(message, shape.code ?? name, { cause: error });
}
