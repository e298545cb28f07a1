import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import type { ErrorEnvelope } from './error-envelope';

export interface HttpAdapterOptions {
  /** TRUST_PROXY: one proxy hop in front of us sets X-Forwarded-For. */
  trustProxy: boolean;
}

/**
 * Node's bounds on a client, documented in the README ("HTTP"): the headers must arrive within
 * HEADERS_TIMEOUT_MS and the whole request (not the answer: streams are not bounded) within
 * REQUEST_TIMEOUT_MS; an idle keep-alive connection is kept longer than the usual load
 * balancer's 60 s idle timeout, so the balancer, not us, closes it.
 */
export const HTTP_SERVER_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 65_000,
  /** How often Node checks the two timeouts above (its default, 30 s, would add up to 30 s). */
  checkIntervalMs: 1_000,
  /** Node's default maximum header size: larger headers are refused with 431. */
  maxHeaderBytes: 16 * 1024,
};

/** Nest's Express adapter on a server created with the limits above. */
class LimitedExpressAdapter extends ExpressAdapter {
  override initHttpServer(_options: NestApplicationOptions): void {
    const server = createServer(
      {
        headersTimeout: HTTP_SERVER_LIMITS.headersTimeoutMs,
        requestTimeout: HTTP_SERVER_LIMITS.requestTimeoutMs,
        keepAliveTimeout: HTTP_SERVER_LIMITS.keepAliveTimeoutMs,
        connectionsCheckingInterval: HTTP_SERVER_LIMITS.checkIntervalMs,
        maxHeaderSize: HTTP_SERVER_LIMITS.maxHeaderBytes,
      },
      this.getInstance<express.Express>(),
    );
    server.on('clientError', answerClientError);
    this.setHttpServer(server as Server);
  }
}

/** The HTTP server under Nest: Express, set up before any middleware or route is added. */
export function createHttpAdapter(options: HttpAdapterOptions): ExpressAdapter {
  const app = express();
  // One hop: req.ip is the address our own proxy saw, which a client cannot forge by sending
  // its own X-Forwarded-For. Off: X-Forwarded-For is ignored.
  app.set('trust proxy', options.trustProxy ? 1 : false);
  // Express would hash every JSON body for an ETag nobody uses (answers change while they stream).
  app.set('etag', false);
  app.disable('x-powered-by');
  return new LimitedExpressAdapter(app);
}

const CLIENT_ERRORS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'headers_too_large',
    `The request headers are larger than ${HTTP_SERVER_LIMITS.maxHeaderBytes} bytes`,
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'request_timeout',
    'The request did not arrive in time',
  ],
};

/**
 * Requests Node refuses before Express sees them (headers too large, too slow, unparsable) get
 * the error envelope too, instead of Node's bare status line.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'bad_request',
    'The request is not valid HTTP',
  ];
  const body: ErrorEnvelope = { error: { code, message, requestId: randomUUID() } };
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}
