import type { ErrorRenderer, HttpProblem, RequestWithContext } from '@app/platform';

/** OpenAI's error body: `{"error": {message, type, param, code}}`. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** The `type` OpenAI's clients read, by status. */
export function openAiErrorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** Our codes that OpenAI names otherwise. */
const CODES: Record<string, string> = { rate_limited: 'rate_limit_exceeded' };

/** The field a problem is about: the path each detail starts with (`messages[1].role ...`). */
function paramOf(details: unknown): string | null {
  const first = Array.isArray(details) ? details[0] : undefined;
  if (typeof first !== 'string') return null;
  const unknown = /^property (\S+) should not exist/.exec(first)?.[1];
  if (unknown) return unknown;
  const path = /^([A-Za-z_][\w.[\]]*?)(:|\s)/.exec(first)?.[1];
  return path ?? null;
}

export function openAiErrorBody(problem: HttpProblem): OpenAiErrorBody {
  const details = Array.isArray(problem.details)
    ? problem.details.filter((d): d is string => typeof d === 'string')
    : [];
  return {
    error: {
      message: details.length > 0 ? `${problem.message}: ${details.join('; ')}` : problem.message,
      type: openAiErrorType(problem.status),
      param: paramOf(details),
      code: CODES[problem.code] ?? problem.code,
    },
  };
}

/** The OpenAI-compatible routes live under /v1 (not /api/v1): their errors in OpenAI's shape. */
export const openAiErrorRenderer: ErrorRenderer = {
  claims: (req: RequestWithContext) => req.path === '/v1' || req.path.startsWith('/v1/'),
  render: (problem: HttpProblem) => openAiErrorBody(problem),
};
