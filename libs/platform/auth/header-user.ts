import { HttpProblem } from '../http/error-envelope';
import type { AuthenticatedUser } from '../http/request-context';

/** A user id we accept from a header or a token's `sub`: safe in keys, logs and SQL. */
export const USER_ID_PATTERN = /^[A-Za-z0-9._:@|+-]{1,128}$/;

/** AUTH_MODE=none, as the seed: the user comes from X-User-Id, else `anonymous`. */
export function headerUser(header: string | undefined): AuthenticatedUser {
  if (header === undefined || header === '') return { id: 'anonymous', isAdmin: false };
  if (!USER_ID_PATTERN.test(header)) {
    throw new HttpProblem(
      400,
      'invalid_user_id',
      'X-User-Id must match ^[A-Za-z0-9._:@|+-]{1,128}$',
    );
  }
  return { id: header, isAdmin: false };
}
