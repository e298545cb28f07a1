import { join } from 'node:path';
import {
  chatConfig,
  llmConfig,
  platformConfig,
  proxyConfig,
  webAppConfig,
} from './config.namespaces';
import { validateEnvironment } from './env.validation';

/** Builds a namespace as ConfigModule does: the factory reads process.env. */
function under<T>(env: Record<string, string>, factory: () => T): T {
  const saved = process.env;
  process.env = { ...env };
  try {
    return factory();
  } finally {
    process.env = saved;
  }
}

describe('configuration namespaces', () => {
  it('llm: the documented defaults when nothing is set', () => {
    expect(under({}, llmConfig)).toEqual({
      provider: 'mock',
      providerExplicit: false,
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      maxTokens: 4000,
      temperature: 0.1,
      region: 'us-east-1',
      endpointUrl: undefined,
      awsCredentials: undefined,
      guardrail: undefined,
      timeoutMs: 60000,
      maxAttempts: 3,
      deadlineMs: 120000,
      fallbackModels: [],
      maxPoolConnections: 50,
      mockTokenDelayMs: 20,
      embedModelId: 'amazon.titan-embed-text-v2:0',
      openaiBaseUrl: undefined,
      openaiApiKey: undefined,
      openaiMaxTokensField: 'max_tokens',
    });
  });

  it('platform: the documented defaults when nothing is set', () => {
    expect(under({}, platformConfig)).toMatchObject({
      nodeEnv: 'development',
      authMode: 'none',
      trustProxy: false,
      redisUrl: undefined,
      redisKeyPrefix: 'chat-backend:',
      rateLimits: { chat: { limit: 10, ttlMs: 60000 }, read: { limit: 120, ttlMs: 60000 } },
      dailyTokenLimit: undefined,
      metricsEnabled: true,
      shutdownGraceMs: 10000,
      log: { level: 'info', content: false, sync: false, retentionDays: 7 },
    });
    expect(under({ REDIS_HOST: 'cache' }, platformConfig).redisUrl).toBe('redis://cache:6379');
  });

  it('chat and proxy: one model list, from LLM_MODEL_ID and LLM_MODELS', () => {
    const env = { LLM_MODEL_ID: 'm1', LLM_MODELS: 'm2, m1', LLM_EMBED_MODEL_ID: 'e1' };
    expect(under(env, chatConfig)).toMatchObject({
      defaultModel: 'm1',
      allowedModels: ['m1', 'm2'],
      maxTokens: 4000,
      onDisconnect: 'continue',
    });
    expect(under(env, proxyConfig)).toMatchObject({
      defaultChatModel: 'm1',
      chatModels: ['m1', 'm2'],
      defaultEmbedModel: 'e1',
      embedModels: ['e1'],
    });
  });

  it('web: served from dist/web by default, off with WEB_APP_ENABLED=false', () => {
    expect(under({}, webAppConfig)).toEqual({
      enabled: true,
      dir: join(process.cwd(), 'dist/web'),
    });
    expect(under({ WEB_APP_ENABLED: 'false', WEB_APP_DIR: '/srv/web' }, webAppConfig)).toEqual({
      enabled: false,
      dir: '/srv/web',
    });
  });

  it("accepts the seed's Bedrock names for the provider-neutral ones", () => {
    const seedEnv = {
      BEDROCK_MODEL_ID: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',
      BEDROCK_EMBED_MODEL_ID: 'cohere.embed-english-v3',
      BEDROCK_MAX_TOKENS: '512',
      BEDROCK_TEMPERATURE: '0.5',
    };
    expect(under(seedEnv, llmConfig)).toMatchObject({
      modelId: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',
      embedModelId: 'cohere.embed-english-v3',
      maxTokens: 512,
      temperature: 0.5,
    });
    expect(under({ ...seedEnv, LLM_MODEL_ID: seedEnv.BEDROCK_MODEL_ID }, chatConfig)).toMatchObject(
      { defaultModel: seedEnv.BEDROCK_MODEL_ID, maxTokens: 512 },
    );
  });

  it('stops when a name and its seed alias disagree, and names a bad seed value as written', () => {
    expect(() => validateEnvironment({ LLM_MODEL_ID: 'a', BEDROCK_MODEL_ID: 'b' })).toThrow(
      /LLM_MODEL_ID and BEDROCK_MODEL_ID \(its seed name\) disagree/,
    );
    expect(() => validateEnvironment({ BEDROCK_TEMPERATURE: '3' })).toThrow(
      /BEDROCK_TEMPERATURE="3"/,
    );
  });
});
