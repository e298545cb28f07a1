import type { NextFunction, Response } from 'express';
import { HttpProblem } from '../http/error-envelope';
import type { RequestWithContext } from '../http/request-context';

/** A user id we accept from a header or a token's `sub`: safe in keys, logs and SQL. */
export const USER_ID_PATTERN = /^[A-Za-z0-9._:@|+-]{1,128}$/;

/** AUTH_MODE=none, as the seed: the user comes from X-User-Id, else `anonymous`. */
export function headerUserMiddleware(
  req: RequestWithContext,
  _res: Response,
  next: NextFunction,
): void {
  const header = req.header('x-user-id');
  if (header === undefined || header === '') {
    req.user = { id: 'anonymous' };
    return next();
  }
  if (!USER_ID_PATTERN.test(header)) {
    throw new HttpProblem(
      400,
      'invalid_user_id',
      'X-User-Id must match ^[A-Za-z0-9._:@|+-]{1,128}$',
    );
  }
  req.user = { id: header };
  next();
}
