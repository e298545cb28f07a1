import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { getConfigToken } from '@nestjs/config';
import { BedrockLlmClient, bedrockOptionsFromSettings } from './bedrock/bedrock.llm-client';
import { LlmClient } from './llm-client';
import { closeLlmClient, LlmLogger } from './llm-logger';
import { LlmSettings } from './llm-settings';
import { MockLlmClient } from './mock/mock.llm-client';
import {
  OpenAiCompatibleLlmClient,
  openAiOptionsFromSettings,
} from './openai-compatible/openai-compatible.llm-client';
import { DeadlineLlmClient } from './resilience/deadline.llm-client';
import { FallbackLlmClient } from './resilience/fallback.llm-client';
import { RetryingLlmClient } from './resilience/retrying.llm-client';

/** The configuration namespace the app registers (registerAs) with this library's settings. */
export const LLM_CONFIG_NAMESPACE = 'llm';

/** DI token of the `llm` namespace's LlmSettings (health checks read the provider from it). */
export const LLM_SETTINGS = getConfigToken(LLM_CONFIG_NAMESPACE);

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

/**
 * Provides `LlmClient` to the whole application, built from the `llm` configuration namespace
 * (LLM_SETTINGS, registered by the app's global ConfigModule). Tests replace it with
 * `overrideProvider(LlmClient)`.
 */
@Global()
@Module({
  providers: [
    {
      provide: LlmClient,
      inject: [LLM_SETTINGS],
      useFactory: (settings: LlmSettings) => createLlmClient(settings, new Logger('LlmClient')),
    },
  ],
  exports: [LlmClient],
})
export class LlmModule implements OnApplicationShutdown {
  constructor(@Inject(LlmClient) private readonly client: LlmClient) {}

  async onApplicationShutdown(): Promise<void> {
    await closeLlmClient(this.client);
  }
}
