import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  HttpException,
  Injectable,
  Logger,
  WsExceptionFilter,
} from '@nestjs/common';
import { ErrorMappers, HttpProblem } from '@app/platform';
import type { ChatSocket, ServerFrame } from './socket-session';

/** A frame whose fields are not valid (class-validator's messages in details). */
export class InvalidFrameError extends HttpProblem {
  constructor(messages: string[]) {
    super(400, 'invalid_frame', 'The frame has invalid fields', { messages });
  }
}

/**
 * A failed frame is answered with `{"type":"error","code","message"}` in the HTTP API's terms
 * (the modules' error mappers: not_found, conflict, rate_limited, ...); the socket stays open.
 */
@Catch()
@Injectable()
export class SocketErrorFilter implements WsExceptionFilter {
  private readonly logger = new Logger('ChatSocket');

  constructor(private readonly mappers: ErrorMappers) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const socket = host.switchToWs().getClient<ChatSocket>();
    if (socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify(this.toFrame(exception)));
  }

  toFrame(exception: unknown): ServerFrame {
    const problem = exception instanceof HttpProblem ? exception : this.mappers.map(exception);
    if (problem) {
      const frame: ServerFrame = { type: 'error', code: problem.code, message: problem.message };
      return problem.details === undefined ? frame : { ...frame, details: problem.details };
    }
    if (exception instanceof BadRequestException) {
      const body = exception.getResponse() as { message?: unknown };
      const messages = Array.isArray(body.message) ? body.message : [String(body.message)];
      return {
        type: 'error',
        code: 'invalid_frame',
        message: 'The frame has invalid fields',
        details: { messages },
      };
    }
    if (exception instanceof HttpException)
      return { type: 'error', code: 'error', message: exception.message };
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return { type: 'error', code: 'internal_error', message: 'The frame could not be handled' };
  }
}
