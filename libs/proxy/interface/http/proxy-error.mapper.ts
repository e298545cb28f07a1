import { HttpProblem } from '@app/platform';
import { ProxyRequestError } from '../../application/proxy-errors';

/** The proxy's refusals are the caller's mistakes: 400 in the envelope, with their details. */
export function mapProxyError(error: unknown): HttpProblem | undefined {
  if (!(error instanceof ProxyRequestError)) return undefined;
  return new HttpProblem(400, error.code, error.message, error.details);
}
