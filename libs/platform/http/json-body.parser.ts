import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './error-envelope';

/**
 * JSON bodies (prototype-poisoning safe, Fastify's own parser) with two choices of ours: an empty
 * body is `{}` (a client that sends the JSON content type without a body is not wrong), and a
 * parse failure is our `malformed_json`. Bodies of other types are refused with 415 (Fastify's
 * text/plain parser is removed: nothing here takes text).
 */
export function useJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body.toString();
    if (/^\s*$/.test(text)) return done(null, {});
    parse(req, text, (error, value) =>
      error
        ? done(new HttpProblem(400, 'malformed_json', 'The request body is not valid JSON'))
        : done(null, value),
    );
  });
}
