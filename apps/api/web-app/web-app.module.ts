import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import {
  AbstractLoader,
  ExpressLoader,
  ServeStaticModule,
  ServeStaticModuleOptions,
} from '@nestjs/serve-static';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '@app/platform';
import { WEB_APP_SETTINGS, WebAppSettings } from './web-app.settings';

/**
 * The app's own client-side routes (`/c/<conversation id>`), answered with index.html so a
 * reload or a shared link opens the app. Only these: every other unknown path, `/api/...`
 * included, still reaches Nest's JSON 404.
 */
export const WEB_APP_ROUTES = /^\/c\/[A-Za-z0-9._:-]{1,128}\/?$/;

/**
 * Serves the chat web app (apps/web, built by `npm run build`) at `/`. The files are
 * registered after Nest's routes, so `/api`, `/v1`, `/chat`, `/docs`, `/metrics` and `/health`
 * answer as before. Off with WEB_APP_ENABLED=false; a missing build is logged, not fatal.
 */
@Module({})
export class WebAppModule {
  static forRoot(): DynamicModule {
    return {
      module: WebAppModule,
      imports: [
        ServeStaticModule.forRootAsync({
          inject: [WEB_APP_SETTINGS, ROOT_LOGGER],
          useFactory: (settings: WebAppSettings, logger: Logger) =>
            webAppServeOptions(settings, logger),
          // The module picks its loader from the HTTP adapter present when its providers are
          // made, which a testing module (compiled before its app exists) does not have yet; the
          // service runs on Express (platform-express), so the Express loader is named here.
          extraProviders: [{ provide: AbstractLoader, useClass: ExpressLoader }],
        }),
      ],
    };
  }
}

export function webAppServeOptions(
  settings: WebAppSettings,
  logger: Pick<Logger, 'info' | 'warn'>,
): ServeStaticModuleOptions[] {
  if (!settings.enabled) return [];
  if (!existsSync(join(settings.dir, 'index.html'))) {
    logger.warn(
      { dir: settings.dir },
      'web app not served: no index.html in WEB_APP_DIR (run `npm run build`)',
    );
    return [];
  }
  logger.info({ dir: settings.dir }, 'web app served at /');
  return [
    {
      rootPath: settings.dir,
      renderPath: WEB_APP_ROUTES,
      serveStaticOptions: { index: 'index.html', setHeaders: cacheHeaders },
    },
  ];
}

/** Hashed assets never change; index.html must be asked for again after every deploy. */
function cacheHeaders(res: Response, path: string): void {
  res.setHeader(
    'Cache-Control',
    /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}
