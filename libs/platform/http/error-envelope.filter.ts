import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ErrorEnvelope, HttpProblem } from './error-envelope';
import { addLogFields, type RequestWithContext } from './request-context';

/** Turns a library's own error into its HTTP form, or passes (undefined). */
export type ErrorMapper = (error: unknown) => HttpProblem | undefined;

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'rate_limited',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** Every error leaves as `{"error":{code,message,details?,requestId}}`; never a bare 500 for bad input. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorEnvelope');

  constructor(private readonly mappers: ErrorMapper[] = []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<RequestWithContext>();
    const reply = ctx.getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    if (
      problem.status >= 500 &&
      !(exception instanceof HttpProblem) &&
      problem.code === 'internal_error'
    ) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    addLogFields(req, { errorCode: problem.code });
    const res = reply.raw;
    if (reply.sent || res.headersSent) {
      // A stream already started: its writer reports the failure in-band.
      if (!res.writableEnded) res.end();
      return;
    }
    const body: ErrorEnvelope = {
      error: {
        code: problem.code,
        message: problem.message,
        ...(problem.details !== undefined ? { details: problem.details } : {}),
        requestId: req.id ?? 'unknown',
      },
    };
    for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
    reply.code(problem.status).send(body);
  }

  toProblem(exception: unknown): HttpProblem {
    if (exception instanceof HttpProblem) return exception;
    for (const map of this.mappers) {
      const mapped = map(exception);
      if (mapped) return mapped;
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    return new HttpProblem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'internal_error',
      'Internal server error',
    );
  }
}

function fromHttpException(exception: HttpException): HttpProblem {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const code = CODES_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
  if (typeof response === 'object' && response !== null) {
    const body = response as {
      message?: unknown;
      error?: unknown;
      code?: unknown;
      details?: unknown;
    };
    if (Array.isArray(body.message)) {
      return new HttpProblem(status, 'validation_failed', 'The request is not valid', body.message);
    }
    const message = typeof body.message === 'string' ? body.message : exception.message;
    const details = body.details ?? (status === 503 && !body.message ? response : undefined);
    return new HttpProblem(
      status,
      typeof body.code === 'string' ? body.code : code,
      message,
      details,
    );
  }
  return new HttpProblem(status, code, typeof response === 'string' ? response : exception.message);
}
