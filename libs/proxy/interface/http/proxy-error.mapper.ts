import { HttpProblem } from '@app/platform';
import { ModelNotFoundError, ProxyRequestError } from '../../application/proxy-errors';

/**
 * The proxy's refusals are the caller's mistakes: 400 in the envelope, with their details; an
 * unknown model on the OpenAI-compatible routes 404, as OpenAI answers it.
 */
export function mapProxyError(error: unknown): HttpProblem | undefined {
  if (!(error instanceof ProxyRequestError)) return undefined;
  const status = error instanceof ModelNotFoundError ? 404 : 400;
  return new HttpProblem(status, error.code, error.message, error.details);
}
