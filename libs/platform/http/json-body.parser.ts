import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HttpProblem } from './error-envelope';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

/** Raised from body-parser's `verify` hook; body-parser keeps its status and type. */
class BodyTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

/** Prototype poisoning (`__proto__`, `constructor.prototype`) is refused as malformed JSON. */
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('"__proto__" is not allowed');
  if (
    key === 'constructor' &&
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.hasOwnProperty.call(value, 'prototype')
  )
    throw new SyntaxError('"constructor.prototype" is not allowed');
  return value;
}

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/**
 * JSON bodies only, up to BODY_LIMIT: other content types are 415, an empty JSON body is `{}`,
 * and a body nested deeper than MAX_JSON_DEPTH is refused before anything walks it. Parse
 * failures become the envelope's own codes here, so Nest does not re-wrap them as a bare 400.
 */
export function jsonBodies(limitBytes: number): RequestHandler {
  const parse = json({
    limit: limitBytes,
    strict: false,
    type: () => true,
    reviver: refusePrototypeKeys,
    verify: (_req, _res, raw) => {
      if (nestsDeeperThan(raw)) throw new BodyTooDeepError();
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) {
      // A client that sends the JSON content type without a body is not wrong.
      if (req.headers['content-type'] !== undefined && req.is('application/json')) req.body = {};
      return next();
    }
    if (!req.is('application/json')) {
      return next(
        new HttpProblem(
          415,
          'unsupported_media_type',
          'Request bodies must be JSON (Content-Type: application/json)',
        ),
      );
    }
    // Answered from the declared length at once: body-parser would first read the whole body.
    if (Number(req.headers['content-length']) > limitBytes) {
      // The unread body stays on the socket: close it after the answer rather than read it.
      res.setHeader('Connection', 'close');
      return next(
        new HttpProblem(
          413,
          'payload_too_large',
          `The request body is larger than ${limitBytes} bytes`,
        ),
      );
    }
    parse(req, res, (error?: unknown) =>
      next(error ? (fromBodyParser(error) ?? error) : undefined),
    );
  };
}

/** Errors raised by body-parser before any route runs, in the envelope's words. */
export function fromBodyParser(exception: unknown): HttpProblem | undefined {
  const error = exception as { type?: unknown; status?: unknown; limit?: unknown };
  if (!error || typeof error.type !== 'string' || typeof error.status !== 'number')
    return undefined;
  switch (error.type) {
    case 'entity.too.large':
      return new HttpProblem(
        413,
        'payload_too_large',
        `The request body is larger than ${String(error.limit)} bytes`,
      );
    case 'entity.too.deep':
      return new HttpProblem(
        400,
        'body_too_deep',
        `The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`,
      );
    case 'entity.parse.failed':
      return new HttpProblem(400, 'malformed_json', 'The request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(415, 'unsupported_media_type', 'Unsupported body encoding');
    default:
      return new HttpProblem(
        error.status >= 400 && error.status < 500 ? error.status : 400,
        'bad_request',
        'The request body could not be read',
      );
  }
}
