import request from 'supertest';
import {
  contentText,
  createLlmClient,
  EmbedRequest,
  EmbedResult,
  LlmClient,
  LlmClientWrapper,
  LlmEvent,
  LlmRequest,
  LlmResult,
  LLM_SETTINGS,
  type LlmSettings,
} from '@app/llm';
import { BedrockEmulator, OpenAiFake, startBedrockEmulator } from '../../apps/bedrock-emulator';
import { startOpenAiFakeHarness } from './openai-harness';
import { createTestApp, TestApp } from './test-app';

export type ProviderName = 'mock' | 'bedrock emulator' | 'openai-compatible fake';
export const PROVIDERS: ProviderName[] = ['mock', 'bedrock emulator', 'openai-compatible fake'];

/** A message as the model saw it (role and plain text), whatever the provider's wire format. */
export interface SeenMessage {
  role: string;
  content: string;
}

/** Failures a test can ask the provider for, on the next call. */
export type ProviderFault =
  'fail-mid-stream' | 'throttle' | 'throttle-once' | 'unavailable' | 'timeout' | 'hang';

/**
 * The real app on one provider: the mock adapter, or the Bedrock adapter driven by the real AWS
 * SDK against the wire emulator. Gives the tests one view of the model calls either way.
 */
export interface ChatHarness {
  provider: ProviderName;
  /** The LLM_PROVIDER the app runs with (mock, bedrock, openai-compatible). */
  llmProvider: string;
  t: TestApp;
  /** Only with the Bedrock emulator. */
  emulator?: BedrockEmulator;
  /** Only with the fake OpenAI-compatible server (test/support/openai-harness.ts). */
  openai?: OpenAiFake;
  /**
   * Calls that reached the model: the emulator's recorded requests (one per attempt), or for the
   * mock the calls reaching the app's LlmClient.
   */
  modelCalls(): number;
  /** The messages of the last model call. */
  lastModelMessages(): SeenMessage[];
  /** Content whose answer is long (so it is still streaming when a test acts on it). */
  long(content: string): string;
  /** Whether `text` is the provider's whole answer to `content` (not a cut-off part of it). */
  isWholeAnswer(text: string, content: string): boolean;
  /** Content (and emulator script) making the next call fail as asked. */
  fault(kind: ProviderFault, content: string): string;
  /** Forgets the recorded calls (and the emulator's scripts). */
  reset(): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Delay between streamed chunks, for both providers. Default 0. */
  chunkDelayMs?: number;
  env?: Record<string, string>;
}

const FILLER = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
/** The mock's magic markers (the mock cannot throttle only once: the emulator tests that). */
const MOCK_MARKERS: Record<Exclude<ProviderFault, 'throttle-once'>, string> = {
  'fail-mid-stream': '[mock:fail-mid-stream]',
  throttle: '[mock:throttle]',
  unavailable: '[mock:unavailable]',
  timeout: '[mock:timeout]',
  hang: '[mock:hang]',
};

/** Common env of every chat test app: tiny retries, no rate limit in the way, quiet. */
function baseEnv(options: HarnessOptions): Record<string, string> {
  return {
    LLM_MAX_ATTEMPTS: '2',
    // Bounds every model call, and the attempt timer an aborted stream leaves armed (libs/llm).
    LLM_TIMEOUT_MS: '5000',
    MOCK_TOKEN_DELAY_MS: String(options.chunkDelayMs ?? 0),
    STREAM_ON_DISCONNECT: 'continue',
    RATE_LIMIT_CHAT: '100000/60s',
    RATE_LIMIT_READ: '100000/60s',
    ...options.env,
  };
}

/** Counts and records the calls reaching the mock (through the app's real resilience stack). */
class RecordingLlmClient extends LlmClientWrapper {
  readonly requests: LlmRequest[] = [];

  generate(req: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    this.requests.push(req);
    return this.inner.generate(req, signal);
  }

  stream(req: LlmRequest, signal?: AbortSignal): AsyncIterable<LlmEvent> {
    this.requests.push(req);
    return this.inner.stream(req, signal);
  }

  /** Embeddings pass through (not counted as chat calls). */
  override embed(req: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult> {
    return this.innerEmbed(req, signal);
  }
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: { text?: unknown }) => (typeof block?.text === 'string' ? block.text : ''))
    .join('');
}

export async function startChatHarness(
  provider: ProviderName,
  options: HarnessOptions = {},
): Promise<ChatHarness> {
  if (provider === 'openai-compatible fake') {
    return startOpenAiFakeHarness(baseEnv(options), options.chunkDelayMs ?? 0);
  }
  if (provider === 'mock') {
    let recorder: RecordingLlmClient | undefined;
    const t = await createTestApp({ LLM_PROVIDER: 'mock', ...baseEnv(options) }, (builder) =>
      builder.overrideProvider(LlmClient).useFactory({
        inject: [LLM_SETTINGS],
        factory: (settings: LlmSettings) =>
          (recorder = new RecordingLlmClient(createLlmClient(settings))),
      }),
    );
    if (!recorder) throw new Error('the recording LlmClient was not built');
    const calls = recorder;
    return {
      provider,
      llmProvider: 'mock',
      t,
      modelCalls: () => calls.requests.length,
      lastModelMessages: () =>
        (calls.requests.at(-1)?.messages ?? []).map((m) => ({
          role: m.role,
          content: contentText(m.content),
        })),
      long: (content) => `${content} ${FILLER}`,
      isWholeAnswer: (text) => text.startsWith('[mock reply]') && text.endsWith('of context).'),
      fault: (kind, content) => {
        if (kind === 'throttle-once') throw new Error('the mock cannot throttle only once');
        return `${content} ${MOCK_MARKERS[kind]}`;
      },
      reset: () => (calls.requests.length = 0),
      close: () => t.close(),
    };
  }

  // The AWS SDK reads credentials from process.env when it signs a request, after createTestApp
  // has restored the environment: the emulator's dummy credentials stay set while the app runs.
  const credentials = {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: undefined,
  };
  const savedCredentials = Object.fromEntries(
    Object.keys(credentials).map((key) => [key, process.env[key]]),
  );
  const setEnv = (values: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  setEnv(credentials);
  const emulator = await startBedrockEmulator({
    host: '127.0.0.1',
    defaults: { chunkDelayMs: options.chunkDelayMs ?? 0 },
  });
  const t = await createTestApp({
    LLM_PROVIDER: 'bedrock',
    BEDROCK_ENDPOINT_URL: emulator.url,
    ...credentials,
    AWS_REGION: 'us-east-1',
    ...baseEnv(options),
  }).catch(async (error: unknown) => {
    await emulator.close();
    setEnv(savedCredentials);
    throw error;
  });
  const chat = () => emulator.requests.filter((r) => r.operation.startsWith('converse'));
  return {
    provider,
    llmProvider: 'bedrock',
    t,
    emulator,
    modelCalls: () => chat().length,
    lastModelMessages: () => {
      const body = chat().at(-1)?.body as { messages?: { role: string; content: unknown }[] };
      return (body?.messages ?? []).map((m) => ({ role: m.role, content: textOf(m.content) }));
    },
    long: (content) => `${content} ${FILLER}`,
    isWholeAnswer: (text, content) => text === `Emulated reply to: ${content}`,
    fault: (kind, content) => {
      switch (kind) {
        case 'fail-mid-stream':
          emulator.script({
            fault: {
              kind: 'mid-stream-exception',
              afterChunks: 2,
              type: 'modelStreamErrorException',
            },
            times: 1,
          });
          break;
        case 'throttle':
          emulator.script({ fault: { kind: 'throttle' } });
          break;
        case 'throttle-once':
          emulator.script({ fault: { kind: 'throttle' }, times: 1 });
          break;
        case 'hang':
          emulator.script({ fault: { kind: 'hang' } });
          break;
        case 'unavailable':
          emulator.script({
            fault: { kind: 'error', type: 'ServiceUnavailableException', status: 503 },
          });
          break;
        case 'timeout':
          emulator.script({ fault: { kind: 'error', type: 'ModelTimeoutException', status: 408 } });
          break;
      }
      return content;
    },
    reset: () => emulator.reset(),
    close: async () => {
      await t.close();
      await emulator.close();
      setEnv(savedCredentials);
    },
  };
}

/** supertest as one user (X-User-Id). */
export function as(t: TestApp, user: string) {
  return {
    post: (path: string, body?: object) =>
      request(t.url).post(path).set('X-User-Id', user).send(body),
    get: (path: string) => request(t.url).get(path).set('X-User-Id', user),
  };
}

export interface StoredMessage {
  id: string;
  seq: number;
  role: string;
  content: string;
  status: string;
  clientMessageId: string | null;
  model: string | null;
  parentId: string | null;
  turnId: string;
  stopReason: string | null;
  error: { code: string; message: string; retryable?: boolean } | null;
  usage: { inputTokens: number | null; outputTokens: number | null };
}

/** Every stored message of a conversation (all branches), read through the API. */
export async function storedMessages(
  t: TestApp,
  user: string,
  conversationId: string,
): Promise<StoredMessage[]> {
  const res = await as(t, user).get(
    `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages?all=true`,
  );
  if (res.status !== 200) throw new Error(`GET messages: ${res.status} ${res.text}`);
  return res.body as StoredMessage[];
}

/**
 * Polls the stored message until `done` holds (a turn that outlives its connection settles in
 * the background). Bounded: fails with the last state seen.
 */
export async function waitForStored(
  t: TestApp,
  user: string,
  conversationId: string,
  messageId: string,
  done: (m: StoredMessage) => boolean,
  timeoutMs = 5000,
): Promise<StoredMessage> {
  const deadline = Date.now() + timeoutMs;
  let last: StoredMessage | undefined;
  while (Date.now() < deadline) {
    last = (await storedMessages(t, user, conversationId)).find((m) => m.id === messageId);
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(
    `message ${messageId} did not settle within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`,
  );
}

export const isSettled = (m: StoredMessage): boolean =>
  m.status !== 'pending' && m.status !== 'streaming';

/** Creates a conversation (optionally with the caller's id) and returns its id. */
export async function newConversation(
  t: TestApp,
  user: string,
  body: object = {},
): Promise<string> {
  const res = await as(t, user).post('/api/v1/conversations', body);
  if (res.status !== 201) throw new Error(`POST conversation: ${res.status} ${res.text}`);
  return res.body.id as string;
}

export const messagesPath = (conversationId: string): string =>
  `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`;
