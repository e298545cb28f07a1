import { allowedModels } from './llm-settings';
import { llmSettingsUnder } from '../../test/llm-contract/llm-environment.fixture';

const from = llmSettingsUnder;

describe('llmSettingsFrom', () => {
  it('chooses the mock when LLM_PROVIDER is unset, and says it was not chosen explicitly', () => {
    expect(from({})).toMatchObject({ provider: 'mock', providerExplicit: false });
    expect(from({ LLM_PROVIDER: 'Bedrock' })).toMatchObject({
      provider: 'bedrock',
      providerExplicit: true,
    });
  });

  it('refuses an unknown provider, and an unset one in production', () => {
    expect(() => from({ LLM_PROVIDER: 'openai' })).toThrow(/LLM_PROVIDER=openai/);
    expect(() => from({ NODE_ENV: 'production' })).toThrow(/LLM_PROVIDER must be set/);
  });

  it('maps every variable', () => {
    expect(
      from({
        LLM_MODEL_ID: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',
        LLM_MAX_TOKENS: 512,
        LLM_TEMPERATURE: 0,
        AWS_DEFAULT_REGION: 'eu-west-1',
        BEDROCK_ENDPOINT_URL: 'http://127.0.0.1:4010',
        BEDROCK_GUARDRAIL_ID: 'gr-1',
        LLM_TIMEOUT_MS: 300,
        LLM_MAX_ATTEMPTS: 5,
        LLM_DEADLINE_MS: 1000,
        LLM_FALLBACK_MODELS: ' eu.a , ,us.b ',
        MAX_POOL_CONNECTIONS: 10,
        MOCK_TOKEN_DELAY_MS: 0,
        LLM_EMBED_MODEL_ID: 'cohere.embed-english-v3',
      }),
    ).toMatchObject({
      modelId: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',
      maxTokens: 512,
      temperature: 0,
      region: 'eu-west-1',
      endpointUrl: 'http://127.0.0.1:4010',
      guardrail: { id: 'gr-1', version: '1' },
      timeoutMs: 300,
      maxAttempts: 5,
      deadlineMs: 1000,
      fallbackModels: ['eu.a', 'us.b'],
      maxPoolConnections: 10,
      mockTokenDelayMs: 0,
      embedModelId: 'cohere.embed-english-v3',
    });
  });

  it('reads the openai-compatible variables', () => {
    expect(
      from({
        LLM_PROVIDER: 'openai-compatible',
        OPENAI_BASE_URL: ' http://localhost:11434/v1 ',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_MAX_TOKENS_FIELD: 'max_completion_tokens',
      }),
    ).toMatchObject({
      provider: 'openai-compatible',
      openaiBaseUrl: 'http://localhost:11434/v1',
      openaiApiKey: 'sk-test',
      openaiMaxTokensField: 'max_completion_tokens',
    });
    expect(from({ OPENAI_API_KEY: ' ' }).openaiApiKey).toBeUndefined();
  });

  it('prefers AWS_REGION and an explicit guardrail version', () => {
    const settings = from({
      AWS_REGION: 'us-west-2',
      AWS_DEFAULT_REGION: 'eu-west-1',
      BEDROCK_GUARDRAIL_ID: 'gr-2',
      BEDROCK_GUARDRAIL_VERSION: 'DRAFT',
    });
    expect(settings.region).toBe('us-west-2');
    expect(settings.guardrail).toEqual({ id: 'gr-2', version: 'DRAFT' });
  });

  it('takes static AWS keys from configuration only when both are set', () => {
    expect(from({}).awsCredentials).toBeUndefined();
    expect(from({ AWS_ACCESS_KEY_ID: 'AKIA' }).awsCredentials).toBeUndefined();
    expect(
      from({ AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' })
        .awsCredentials,
    ).toEqual({ accessKeyId: 'AKIA', secretAccessKey: 's', sessionToken: 't' });
  });
});

describe('allowedModels', () => {
  it('puts the default first, then the listed ones, without blanks or duplicates', () => {
    expect(allowedModels('a', ' b, ,a , c ')).toEqual(['a', 'b', 'c']);
    expect(allowedModels('a', undefined)).toEqual(['a']);
  });

  it('takes a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK', () => {
    expect(from({}).bedrockApiKey).toBeUndefined();
    expect(from({ AWS_BEARER_TOKEN_BEDROCK: ' key-1 ' }).bedrockApiKey).toBe('key-1');
  });
});
