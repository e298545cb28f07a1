import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { ErrorEnvelope, HttpProblem } from './error-envelope';
import { ErrorMappers } from './error-mappers';
import { ErrorRenderers } from './error-renderers';
import { addLogFields, type RequestWithContext } from './request-context';

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
@Injectable()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorEnvelope');

  constructor(
    private readonly mappers: ErrorMappers,
    private readonly renderers: ErrorRenderers,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<RequestWithContext>();
    const res = ctx.getResponse<Response>();
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
    if (res.headersSent) {
      // A stream already started: its writer reports the failure in-band.
      if (!res.writableEnded) res.end();
      return;
    }
    const renderer = this.renderers.for(req);
    const body: object = renderer
      ? renderer.render(problem, req)
      : ({
          error: {
            code: problem.code,
            message: problem.message,
            ...(problem.details !== undefined ? { details: problem.details } : {}),
            requestId: req.id ?? 'unknown',
          },
        } satisfies ErrorEnvelope);
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res.status(problem.status).json(body);
  }

  toProblem(exception: unknown): HttpProblem {
    if (exception instanceof HttpProblem) return exception;
    const mapped = this.mappers.map(exception);
    if (mapped) return mapped;
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
