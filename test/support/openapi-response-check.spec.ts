import express from 'express';
import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { OpenApiResponseChecker, takeViolations } from './openapi-response-check';

const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/items/{id}': {
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
          '204': { description: 'none' },
          '404': { description: 'missing', content: { 'application/json': { schema: {} } } },
        },
      },
    },
    '/stream': {
      get: {
        responses: {
          '200': {
            description: 'sse',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Item: {
        type: 'object',
        required: ['id', 'title'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          title: { type: 'string', nullable: true },
        },
      },
    },
  },
} as unknown as OpenAPIObject;

const ID = '0196b6c2-1d2f-7c4e-9a51-0f7e5b1d9c33';

function appAnswering(handler: express.RequestHandler): express.Express {
  const app = express();
  app.use(new OpenApiResponseChecker(document).middleware);
  app.get('/items/:id', handler);
  app.get('/stream', handler);
  app.get('/other', handler);
  return app;
}

async function violationsOf(path: string, handler: express.RequestHandler): Promise<string[]> {
  takeViolations();
  await request(appAnswering(handler)).get(path);
  await new Promise((resolve) => setImmediate(resolve));
  return takeViolations().map((v) => v.problem);
}

describe('OpenApiResponseChecker', () => {
  it('accepts an answer the document describes (nullable field null, 204 without a body)', async () => {
    expect(
      await violationsOf(`/items/${ID}`, (_q, r) => void r.json({ id: ID, title: null })),
    ).toEqual([]);
    expect(await violationsOf(`/items/${ID}`, (_q, r) => void r.status(204).end())).toEqual([]);
    expect(
      await violationsOf('/stream', (_q, r) => {
        r.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
        r.end('event: x\ndata: {}\n\n');
      }),
    ).toEqual([]);
  });

  it('records an undocumented status, content type, a wrong or undocumented field', async () => {
    expect(await violationsOf(`/items/${ID}`, (_q, r) => void r.status(500).json({}))).toEqual([
      expect.stringContaining('status 500 is not documented'),
    ]);
    expect(
      await violationsOf(`/items/${ID}`, (_q, r) => void r.type('text/plain').send('hi')),
    ).toEqual([expect.stringContaining('content type text/plain is not documented')]);
    expect(
      await violationsOf(`/items/${ID}`, (_q, r) => void r.json({ id: 'x', title: 3 })),
    ).toEqual([expect.stringMatching(/\/id must match format "uuid".*\/title must be string/)]);
    expect(
      await violationsOf(`/items/${ID}`, (_q, r) => void r.json({ id: ID, title: 'a', extra: 1 })),
    ).toEqual([expect.stringContaining('must NOT have additional properties')]);
    expect(await violationsOf('/stream', (_q, r) => void r.json({}))).toEqual([
      expect.stringContaining('content type application/json is not documented'),
    ]);
  });

  it('leaves undocumented routes alone', async () => {
    expect(await violationsOf('/other', (_q, r) => void r.status(500).send('x'))).toEqual([]);
  });
});
