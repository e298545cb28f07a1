import { LlmEnvironment, llmSettingsFrom, LlmSettings } from '../../libs/llm/llm-settings';

/** What the app's validated schema holds for the LLM library when nothing is configured. */
const DEFAULT_LLM_ENV: LlmEnvironment = {
  NODE_ENV: 'test',
  LLM_MODEL_ID: 'anthropic.claude-3-haiku-20240307-v1:0',
  LLM_MAX_TOKENS: 4000,
  LLM_TEMPERATURE: 0.1,
  LLM_EMBED_MODEL_ID: 'amazon.titan-embed-text-v2:0',
  AWS_DEFAULT_REGION: 'us-east-1',
  BEDROCK_GUARDRAIL_VERSION: '1',
  LLM_TIMEOUT_MS: 60000,
  LLM_MAX_ATTEMPTS: 3,
  LLM_DEADLINE_MS: 120000,
  MAX_POOL_CONNECTIONS: 50,
  MOCK_TOKEN_DELAY_MS: 20,
  OPENAI_MAX_TOKENS_FIELD: 'max_tokens',
};

/** LlmSettings as the `llm` namespace makes them, with these variables over the defaults. */
export function llmSettingsUnder(env: Partial<LlmEnvironment>): LlmSettings {
  return llmSettingsFrom({ ...DEFAULT_LLM_ENV, ...env });
}
