import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { BedrockLlmClient, bedrockOptionsFromSettings } from './bedrock/bedrock.llm-client';
import { LlmClient } from './llm-client';
import { closeLlmClient, LlmLogger } from './llm-logger';
import { LlmSettings, llmSettingsFromConfig } from './llm-settings';
import { MockLlmClient } from './mock/mock.llm-client';
import {
  OpenAiCompatibleLlmClient,
  openAiOptionsFromSettings,
} from './openai-compatible/openai-compatible.llm-client';
import { DeadlineLlmClient } from './resilience/deadline.llm-client';
import { FallbackLlmClient } from './resilience/fallback.llm-client';
import { RetryingLlmClient } from './resilience/retrying.llm-client';

/** DI token of the parsed LlmSettings (health checks read the provider from it). */
export const LLM_SETTINGS = Symbol('LLM_SETTINGS');

/** The adapter named by `settings.provider`, without wrappers. */
export function createLlmAdapter(settings: LlmSettings): LlmClient {
  switch (settings.provider) {
    case 'bedrock':
      return new BedrockLlmClient(bedrockOptionsFromSettings(settings));
    case 'mock':
      return new MockLlmClient({ tokenDelayMs: settings.mockTokenDelayMs });
    case 'openai-compatible':
      return new OpenAiCompatibleLlmClient(openAiOptionsFromSettings(settings));
  }
}

/**
 * The LlmClient the application uses: the adapter inside, from the inside out,
 *   per-attempt timeout (LLM_TIMEOUT_MS) -> fallback models (LLM_FALLBACK_MODELS)
 *   -> retries (LLM_MAX_ATTEMPTS, backoff with full jitter) -> overall deadline (LLM_DEADLINE_MS).
 * Each model tried gets its own attempt timeout; a throttled model moves on to the next one at
 * once, and only when every model failed does the retry layer back off and go round again.
 */
export function createLlmClient(settings: LlmSettings, logger?: LlmLogger): LlmClient {
  if (!settings.providerExplicit) {
    logger?.warn(
      'LLM_PROVIDER is not set: using the OFFLINE MOCK provider. Answers are canned; set ' +
        'LLM_PROVIDER=bedrock (or mock, to silence this) for real use.',
    );
  }
  let client: LlmClient = createLlmAdapter(settings);
  client = new DeadlineLlmClient(client, { timeoutMs: settings.timeoutMs, scope: 'attempt' });
  if (settings.fallbackModels.length > 0) {
    client = new FallbackLlmClient(client, settings.fallbackModels, logger);
  }
  client = new RetryingLlmClient(client, {
    maxAttempts: settings.maxAttempts,
    baseDelayMs: settings.retryBaseDelayMs,
    maxDelayMs: settings.retryMaxDelayMs,
    logger,
  });
  client = new DeadlineLlmClient(client, { timeoutMs: settings.deadlineMs, scope: 'overall' });
  logger?.log(`LLM provider ${settings.provider}${describeProvider(settings)}`);
  return client;
}

function describeProvider(settings: LlmSettings): string {
  if (settings.provider === 'bedrock') {
    return (
      ` (model ${settings.modelId}, region ${settings.region}` +
      `${settings.endpointUrl ? `, endpoint ${settings.endpointUrl}` : ''})`
    );
  }
  if (settings.provider === 'openai-compatible') {
    return ` (model ${settings.modelId}, base URL ${settings.openaiBaseUrl ?? 'https://api.openai.com/v1'})`;
  }
  return '';
}

function readConfig(config: ConfigService): LlmSettings {
  const get = (key: string): string | undefined => {
    const value = config.get<unknown>(key);
    return value === undefined || value === null ? undefined : String(value);
  };
  const settings = llmSettingsFromConfig(get);
  if (!settings.providerExplicit && get('NODE_ENV') === 'production') {
    // The config schema refuses this too; this is the library's own guard.
    throw new Error('LLM_PROVIDER must be set in production (bedrock, openai-compatible or mock)');
  }
  return settings;
}

/**
 * Provides `LlmClient` (and LLM_SETTINGS) to the whole application, built from ConfigService.
 * Tests replace it with `overrideProvider(LlmClient)`.
 */
@Global()
@Module({
  imports: [ConfigModule],
  providers: [
    { provide: LLM_SETTINGS, inject: [ConfigService], useFactory: readConfig },
    {
      provide: LlmClient,
      inject: [LLM_SETTINGS],
      useFactory: (settings: LlmSettings) => createLlmClient(settings, new Logger('LlmClient')),
    },
  ],
  exports: [LlmClient, LLM_SETTINGS],
})
export class LlmModule implements OnApplicationShutdown {
  constructor(@Inject(LlmClient) private readonly client: LlmClient) {}

  async onApplicationShutdown(): Promise<void> {
    await closeLlmClient(this.client);
  }
}
