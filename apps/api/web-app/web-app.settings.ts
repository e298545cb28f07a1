import { isAbsolute, resolve } from 'node:path';
import { getConfigToken } from '@nestjs/config';

/** Where the chat web app's static files are and whether the API serves them at `/`. */
export interface WebAppSettings {
  enabled: boolean;
  /** Absolute folder holding index.html and assets/ (the output of `npm run build:web`). */
  dir: string;
}

export interface WebAppEnvironment {
  WEB_APP_ENABLED: boolean;
  WEB_APP_DIR: string;
}

/** The configuration namespace the app registers (registerAs) with these settings. */
export const WEB_APP_CONFIG_NAMESPACE = 'web';

/** DI token of the `web` namespace. */
export const WEB_APP_SETTINGS = getConfigToken(WEB_APP_CONFIG_NAMESPACE);

/** The `web` namespace, from the validated environment; a relative folder is taken from the working directory. */
export function webAppSettingsFrom(env: WebAppEnvironment): WebAppSettings {
  return {
    enabled: env.WEB_APP_ENABLED,
    dir: isAbsolute(env.WEB_APP_DIR) ? env.WEB_APP_DIR : resolve(process.cwd(), env.WEB_APP_DIR),
  };
}
