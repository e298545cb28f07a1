import { Test } from '@nestjs/testing';
import { ConfigModule, registerAs } from '@nestjs/config';
import { LlmClient } from './llm-client';
import { LlmThrottledError, LlmTimeoutError } from './llm-errors';
import { LlmEnvironment, LlmSettings } from './llm-settings';
import { llmSettingsUnder } from '../../test/llm-contract/llm-environment.fixture';
import { createLlmClient, LLM_CONFIG_NAMESPACE, LLM_SETTINGS, LlmModule } from './llm.module';
import { LlmClientWrapper } from './resilience/llm-client.wrapper';
import { BedrockLlmClient } from './bedrock/bedrock.llm-client';
import { MockLlmClient } from './mock/mock.llm-client';
import {
  BedrockEmulator,
  startBedrockEmulator,
} from '../../apps/bedrock-emulator/bedrock-emulator';
import { startOpenAiFake } from '../../apps/bedrock-emulator/openai-fake.server';
import { OpenAiCompatibleLlmClient } from './openai-compatible/openai-compatible.llm-client';
import { ask, rejection } from '../../test/llm-contract/llm-contract.helpers';
import { closeLlmClient } from './llm-logger';

const settings = (env: Partial<LlmEnvironment>): LlmSettings => ({
  ...llmSettingsUnder(env),
  retryBaseDelayMs: 1,
  retryMaxDelayMs: 5,
});
const adapterOf = (client: LlmClient): LlmClient => (client as LlmClientWrapper).adapter;
const logger = () => ({ log: jest.fn(), warn: jest.fn(), error: jest.fn() });

describe('createLlmClient', () => {
  it('builds the mock, wrapped, and warns when LLM_PROVIDER is unset', async () => {
    const log = logger();
    const client = createLlmClient(settings({ MOCK_TOKEN_DELAY_MS: 0 }), log);
    expect(client.provider).toBe('mock');
    expect(adapterOf(client)).toBeInstanceOf(MockLlmClient);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('OFFLINE MOCK'));
    expect((await client.generate(ask('m', 'hi'))).text).toContain('[mock reply]');
  });

  it('does not warn when the mock is chosen explicitly', () => {
    const log = logger();
    createLlmClient(settings({ LLM_PROVIDER: 'mock' }), log);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('builds the openai-compatible adapter, wrapped, against the fake server', async () => {
    const fake = await startOpenAiFake({ apiKey: 'sk-test' });
    try {
      const log = logger();
      const client = createLlmClient(
        settings({
          LLM_PROVIDER: 'openai-compatible',
          OPENAI_BASE_URL: fake.url,
          OPENAI_API_KEY: 'sk-test',
        }),
        log,
      );
      expect(client.provider).toBe('openai-compatible');
      expect(adapterOf(client)).toBeInstanceOf(OpenAiCompatibleLlmClient);
      expect(log.log).toHaveBeenCalledWith(expect.stringContaining(`base URL ${fake.url}`));
      const result = await client.generate(ask('', 'through the stack'));
      expect(result.text).toBe('Emulated reply to: through the stack');
      expect(fake.requests[0].model).toBe('anthropic.claude-3-haiku-20240307-v1:0');
      await closeLlmClient(client);
    } finally {
      await fake.close();
    }
  });

  describe('bedrock against the emulator, credentials from the environment', () => {
    let emulator: BedrockEmulator;
    const keys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'] as const;
    const saved = keys.map((key) => [key, process.env[key]] as const);
    const env = (extra: Partial<LlmEnvironment> = {}) =>
      settings({ LLM_PROVIDER: 'bedrock', BEDROCK_ENDPOINT_URL: emulator.url, ...extra });

    beforeAll(() => {
      process.env.AWS_ACCESS_KEY_ID = 'test';
      process.env.AWS_SECRET_ACCESS_KEY = 'test';
      delete process.env.AWS_PROFILE;
    });
    // A fresh emulator per case: a call cut short by a deadline may still land afterwards.
    beforeEach(async () => {
      emulator = await startBedrockEmulator();
    });
    afterEach(() => emulator.close());
    afterAll(() => {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    it('answers through the emulator', async () => {
      const client = createLlmClient(env());
      expect(adapterOf(client)).toBeInstanceOf(BedrockLlmClient);
      const result = await client.generate(ask('', 'through the stack'));
      expect(result.text).toBe('Emulated reply to: through the stack');
      expect(emulator.requests[0].modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
      await closeLlmClient(client);
    });

    it('a hung upstream fails after LLM_TIMEOUT_MS per attempt; every attempt is closed', async () => {
      emulator.script({ fault: { kind: 'hang' } });
      const client = createLlmClient(env({ LLM_TIMEOUT_MS: 200, LLM_MAX_ATTEMPTS: 2 }));
      await rejection(client.generate(ask('', 'hello?')), LlmTimeoutError);
      expect(emulator.requests).toHaveLength(2);
      await emulator.waitForClientClose(0);
      await emulator.waitForClientClose(1);
      await closeLlmClient(client);
    });

    it('the overall deadline cuts retries short', async () => {
      emulator.script({ fault: { kind: 'hang' } });
      const client = createLlmClient(
        env({ LLM_TIMEOUT_MS: 150, LLM_MAX_ATTEMPTS: 10, LLM_DEADLINE_MS: 250 }),
      );
      const error = await rejection(client.generate(ask('', 'hello?')), LlmTimeoutError);
      expect(error.message).toContain('overall deadline');
      expect(emulator.requests.length).toBeLessThanOrEqual(2);
      await emulator.waitForClientClose();
      await closeLlmClient(client);
    });

    it('falls back on throttling, then retries the round when every model is throttled', async () => {
      emulator.script({ fault: { kind: 'throttle' }, times: 3 });
      const client = createLlmClient(
        env({ LLM_FALLBACK_MODELS: 'eu.anthropic.claude-3-haiku-20240307-v1:0' }),
      );
      const result = await client.generate(ask('', 'busy day'));
      expect(result.model).toBe('eu.anthropic.claude-3-haiku-20240307-v1:0');
      expect(emulator.requests.map((r) => r.modelId.slice(0, 3))).toEqual([
        'ant',
        'eu.',
        'ant',
        'eu.',
      ]);
      emulator.reset();
      emulator.script({ fault: { kind: 'throttle' } });
      await rejection(client.generate(ask('', 'still busy')), LlmThrottledError);
      expect(emulator.requests).toHaveLength(6);
      await closeLlmClient(client);
    });
  });
});

describe('LlmModule', () => {
  it('provides LlmClient from the `llm` configuration namespace (LLM_SETTINGS)', async () => {
    const llmConfig = registerAs(LLM_CONFIG_NAMESPACE, () =>
      settings({ LLM_PROVIDER: 'mock', MOCK_TOKEN_DELAY_MS: 0, LLM_MAX_ATTEMPTS: 4 }),
    );
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true, load: [llmConfig] }),
        LlmModule,
      ],
    }).compile();
    const client = moduleRef.get(LlmClient);
    expect(client.provider).toBe('mock');
    expect(moduleRef.get<LlmSettings>(LLM_SETTINGS)).toMatchObject({
      provider: 'mock',
      maxAttempts: 4,
    });
    const events = [];
    for await (const event of client.stream(ask('m', 'hello'))) events.push(event.type);
    expect(events.at(-1)).toBe('finish');
    await moduleRef.close();
  });
});
