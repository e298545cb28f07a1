import { HttpProblem } from '@app/platform';
import { DomainError, DomainErrorKind } from '../../domain';

const STATUS: Record<DomainErrorKind, number> = {
  not_found: 404,
  invalid: 400,
  conflict: 409,
  too_large: 413,
};

export function mapDomainError(error: unknown): HttpProblem | undefined {
  if (!(error instanceof DomainError)) return undefined;
  return new HttpProblem(STATUS[error.kind], error.code, error.message, error.details);
}
