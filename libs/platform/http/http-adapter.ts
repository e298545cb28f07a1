import { FastifyAdapter } from '@nestjs/platform-fastify';
import { parseBodyLimit } from './body-limit';
import { useJsonBodies } from './json-body.parser';
import { requestIdOf } from './request-id';

export interface HttpAdapterOptions {
  /** BODY_LIMIT: the largest request body, as bytes or `1mb`, `512kb`. */
  bodyLimit: string;
  /** TRUST_PROXY: one proxy hop in front of us sets X-Forwarded-For. */
  trustProxy: boolean;
}

/**
 * The HTTP server under Nest: Fastify (its router and reply path cost a fraction of Express' per
 * request, measured in the README's Performance section). No middleware layer (middie): the
 * platform's per-request work runs in Fastify hooks (see `applyHttpDefaults`).
 */
export function createHttpAdapter(options: HttpAdapterOptions): FastifyAdapter {
  const bodyLimit = parseBodyLimit(options.bodyLimit);
  if (bodyLimit === null) throw new Error(`BODY_LIMIT is not a size: ${options.bodyLimit}`);
  const adapter = new FastifyAdapter({
    bodyLimit,
    // One hop: req.ip is the address our own proxy saw, which a client cannot forge by sending
    // its own X-Forwarded-For. Off: X-Forwarded-For is ignored.
    trustProxy: options.trustProxy ? 1 : false,
    genReqId: requestIdOf,
    // Node's own bound on receiving a whole request (Fastify's default is none: slow uploads could
    // hold sockets forever). Answers, streams included, are not bounded by it.
    requestTimeout: 300_000,
    // A path parameter over Fastify's default of 100 characters would be the router's bare 404;
    // with room for them, the service's own checks answer (a conversation id has at most 128).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
    skipMiddie: true,
  });
  const fastify = adapter.getInstance();
  fastify.decorateRequest('user', null);
  fastify.decorateRequest('logFields', null);
  useJsonBodies(fastify);
  return adapter;
}
