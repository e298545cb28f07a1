import { ConfigFactory, registerAs } from '@nestjs/config';
import { CHAT_CONFIG_NAMESPACE, chatSettingsFrom } from '@app/conversations';
import { LLM_CONFIG_NAMESPACE, llmSettingsFrom } from '@app/llm';
import { PLATFORM_CONFIG_NAMESPACE, platformSettingsFrom } from '@app/platform';
import { PROXY_CONFIG_NAMESPACE, proxySettingsFrom } from '@app/proxy';
import { WEB_APP_CONFIG_NAMESPACE, webAppSettingsFrom } from '../web-app/web-app.settings';
import { validateEnvironment } from './env.validation';

/*
 * The typed configuration namespaces of the libraries, each read in this one place from the
 * validated environment (EnvironmentSchema holds the only defaults). ConfigModule has validated the
 * same environment before it builds these, so a bad value has already stopped start-up.
 */
export const llmConfig = registerAs(LLM_CONFIG_NAMESPACE, () =>
  llmSettingsFrom(validateEnvironment(process.env)),
);
export const platformConfig = registerAs(PLATFORM_CONFIG_NAMESPACE, () =>
  platformSettingsFrom(validateEnvironment(process.env)),
);
export const chatConfig = registerAs(CHAT_CONFIG_NAMESPACE, () =>
  chatSettingsFrom(validateEnvironment(process.env)),
);
export const proxyConfig = registerAs(PROXY_CONFIG_NAMESPACE, () =>
  proxySettingsFrom(validateEnvironment(process.env)),
);
export const webAppConfig = registerAs(WEB_APP_CONFIG_NAMESPACE, () =>
  webAppSettingsFrom(validateEnvironment(process.env)),
);

export const CONFIG_NAMESPACES: ConfigFactory[] = [
  llmConfig,
  platformConfig,
  chatConfig,
  proxyConfig,
  webAppConfig,
];
