import { json, NextFunction, Request, Response } from 'express';
import { fromBodyParser } from './error-envelope.filter';

/**
 * express' JSON parser, with its errors turned into our HttpProblem at once: Nest would otherwise
 * re-wrap a parse error as a generic BadRequestException and lose its kind (malformed, too large).
 */
export function jsonBodyMiddleware(limit: string) {
  const parse = json({ limit });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) =>
      next(error ? (fromBodyParser(error) ?? error) : undefined),
    );
}
