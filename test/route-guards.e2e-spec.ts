import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { AuthGuard, IS_PUBLIC } from '@app/platform';
import { createTestApp, TestApp } from './support/test-app';
import { HS_SECRET } from './support/platform-helpers';

interface RouteInfo {
  method: string;
  path: string;
  isPublic: boolean;
  guarded: boolean;
}

/** Every route of the app, read from Nest's module container (not from a list of paths). */
function listRoutes(t: TestApp): RouteInfo[] {
  const globalGuards = t.app.get(ApplicationConfig).getGlobalGuards();
  const globallyAuthenticated = globalGuards.some((guard) => guard instanceof AuthGuard);
  const routes: RouteInfo[] = [];
  for (const moduleRef of t.app.get(ModulesContainer).values()) {
    for (const wrapper of moduleRef.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler))
          continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const paths = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat();
        const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        const isPublic =
          Reflect.getMetadata(IS_PUBLIC, handler) === true ||
          Reflect.getMetadata(IS_PUBLIC, controller) === true;
        const ownGuards = [
          ...((Reflect.getMetadata(GUARDS_METADATA, handler) as unknown[]) ?? []),
          ...((Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[]) ?? []),
        ];
        const guarded = globallyAuthenticated || ownGuards.includes(AuthGuard);
        for (const path of paths) {
          const full = `/${[base, path].join('/').split('/').filter(Boolean).join('/')}`;
          routes.push({ method, path: full, isPublic, guarded });
        }
      }
    }
  }
  return routes;
}

describe('Every route is authenticated or @Public() (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      AUTH_MODE: 'jwt',
      JWT_SECRET: HS_SECRET,
      RATE_LIMIT_READ: '100000/60s',
      RATE_LIMIT_CHAT: '100000/60s',
    });
  });
  afterAll(() => t.close());

  it('finds the routes, and each is guarded or marked public', () => {
    const routes = listRoutes(t);
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const open = routes.filter((r) => !r.guarded && !r.isPublic);
    expect(open).toEqual([]);
    const publicRoutes = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes.sort()).toEqual([
      'GET /api/v1/health',
      'GET /api/v1/shares/:token',
      'GET /health',
      'GET /metrics',
    ]);
  });

  it('answers 401 without a token on every route that is not public', async () => {
    const guarded = listRoutes(t).filter((r) => !r.isPublic);
    for (const route of guarded) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'some-id');
      const res = await request(t.url)
        [route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete' | 'put'](path)
        .set('Content-Type', 'application/json')
        .send(route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      expect([`${route.method} ${route.path}`, res.status, res.body.error?.code]).toEqual([
        `${route.method} ${route.path}`,
        401,
        'unauthorized',
      ]);
    }
  });

  it('keeps the public routes and the docs open', async () => {
    await request(t.url).get('/health').expect(200);
    await request(t.url).get('/metrics').expect(200);
    await request(t.url).get('/docs-json').expect(200);
    await request(t.url).get('/docs/').expect(200);
  });
});
