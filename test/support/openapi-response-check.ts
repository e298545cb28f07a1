import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Checks every answer of an e2e app against the app's own OpenAPI document: the status must be
 * documented for the operation, the content type too, and a JSON body must match its schema
 * (streams: status and content type). Violations are collected here and fail the test that made
 * them (test/support/openapi-check.setup.ts), so a response that strays from the document cannot pass.
 */
export interface ResponseViolation {
  request: string;
  problem: string;
}

const violations: ResponseViolation[] = [];

/** The violations recorded since the last call. */
export function takeViolations(): ResponseViolation[] {
  return violations.splice(0);
}

const STREAM_TYPES = new Set(['text/event-stream', 'application/x-ndjson']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

interface Route {
  method: string;
  pattern: RegExp;
  params: number;
  template: string;
  operation: OperationObject;
}

interface OperationObject {
  responses: Record<string, ResponseObject>;
}
interface ResponseObject {
  content?: Record<string, { schema?: unknown }>;
}

export class OpenApiResponseChecker {
  private readonly routes: Route[];
  private readonly ajv: Ajv;
  private readonly components: unknown;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenAPIObject) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.components = toJsonSchema(document.components ?? {});
    this.routes = [];
    for (const [template, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = (item as Record<string, unknown>)[method] as OperationObject | undefined;
        if (!operation) continue;
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
        this.routes.push({
          method: method.toUpperCase(),
          pattern: new RegExp(`^${source}/?$`),
          params: (template.match(/\{/g) ?? []).length,
          template,
          operation,
        });
      }
    }
    // The most literal template wins where two match.
    this.routes.sort((a, b) => a.params - b.params);
  }

  /** Express middleware: records the answer of every documented operation, checked when it ends. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const path = (req.originalUrl ?? req.url).split('?')[0];
    const route = this.routes.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) return next();
    const chunks: Buffer[] = [];
    const capture = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      if (isStream(res)) return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              chunk as string,
              typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
            ),
      );
    };
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      capture(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      capture(chunk, rest[0]);
      return (end as (...args: unknown[]) => Response)(chunk, ...rest);
    }) as Response['end'];
    res.once('finish', () => {
      const problem = this.check(route, res, Buffer.concat(chunks));
      if (problem) {
        violations.push({
          request: `${req.method} ${req.originalUrl} (${route.template}) -> ${res.statusCode}`,
          problem,
        });
      }
    });
    next();
  };

  private check(route: Route, res: Response, body: Buffer): string | undefined {
    const status = String(res.statusCode);
    const documented = route.operation.responses[status] ?? route.operation.responses.default;
    if (!documented) {
      return `status ${status} is not documented (documented: ${Object.keys(route.operation.responses).join(', ')}); body: ${body.toString('utf8').slice(0, 300)}`;
    }
    const contentType = String(res.getHeader('content-type') ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const content = documented.content ?? {};
    if (!contentType) {
      if (body.length > 0) return 'a body without a content type';
      return Object.keys(content).length > 0 && status !== '204'
        ? `no body, but ${Object.keys(content).join(', ')} is documented`
        : undefined;
    }
    const media = content[contentType];
    if (!media) {
      return `content type ${contentType} is not documented for ${status} (documented: ${Object.keys(content).join(', ') || 'none'})`;
    }
    if (STREAM_TYPES.has(contentType) || !contentType.includes('json') || !media.schema) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return `the body is not JSON: ${body.toString('utf8').slice(0, 200)}`;
    }
    const validate = this.validator(
      `${route.method} ${route.template} ${status} ${contentType}`,
      media.schema,
    );
    if (validate(parsed)) return;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
      .join('; ');
    return `the body does not match the schema: ${errors}; body: ${body.toString('utf8').slice(0, 300)}`;
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile({
        ...(toJsonSchema(schema) as object),
        components: this.components,
      });
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function isStream(res: Response): boolean {
  const type = String(res.getHeader('content-type') ?? '')
    .split(';')[0]
    .trim();
  return STREAM_TYPES.has(type);
}

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable: true` becomes "or null"; objects with listed
 * properties refuse undocumented ones, so a field the document lacks fails the check too.
 */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const {
    nullable,
    example: _example,
    examples: _examples,
    ...rest
  } = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(rest)) {
    // `properties`, `components.schemas`: maps of names to schemas, not schemas.
    out[key] =
      key === 'properties' || key === 'schemas'
        ? Object.fromEntries(Object.entries(child as object).map(([k, v]) => [k, toJsonSchema(v)]))
        : toJsonSchema(child);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}
