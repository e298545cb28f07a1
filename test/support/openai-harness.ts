import { OpenAiFake, startOpenAiFake } from '../../apps/bedrock-emulator';
import type { ChatHarness, ProviderFault, SeenMessage } from './chat-harness';
import { createTestApp } from './test-app';

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : ''))
    .join('');
}

const FILLER = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');

/**
 * The chat harness on `LLM_PROVIDER=openai-compatible`: the real `openai` SDK against the fake
 * OpenAI-compatible server (libs/llm/testing). The fake answers like the Bedrock emulator
 * (`Emulated reply to: <content>`); model calls are the requests it received (one per attempt).
 */
export async function startOpenAiFakeHarness(
  env: Record<string, string>,
  chunkDelayMs: number,
): Promise<ChatHarness> {
  const fake = await startOpenAiFake({ defaults: { chunkDelayMs } });
  const t = await createTestApp({
    LLM_PROVIDER: 'openai-compatible',
    OPENAI_BASE_URL: fake.url,
    ...env,
  }).catch(async (error: unknown) => {
    await fake.close();
    throw error;
  });
  const chat = () => fake.requests.filter((r) => r.route === 'chat');
  return {
    provider: 'openai-compatible fake',
    llmProvider: 'openai-compatible',
    t,
    openai: fake,
    modelCalls: () => chat().length,
    lastModelMessages: (): SeenMessage[] => {
      const body = chat().at(-1)?.body as { messages?: { role: string; content: unknown }[] };
      return (body?.messages ?? [])
        .filter((m) => m.role !== 'system')
        .map((m) => ({ role: m.role, content: textOf(m.content) }));
    },
    long: (content) => `${content} ${FILLER}`,
    isWholeAnswer: (text, content) => text === `Emulated reply to: ${content}`,
    fault: (kind: ProviderFault, content: string) => {
      scriptFault(fake, kind);
      return content;
    },
    reset: () => fake.reset(),
    close: async () => {
      await t.close();
      await fake.close();
    },
  };
}

function scriptFault(fake: OpenAiFake, kind: ProviderFault): void {
  switch (kind) {
    case 'fail-mid-stream':
      fake.script({
        fault: { kind: 'mid-stream-exception', afterChunks: 2, type: 'modelStreamErrorException' },
        times: 1,
      });
      break;
    case 'throttle':
      // A retry-after beyond the backoff cap: the app gives up at once (one call, as the mock).
      fake.script({ fault: { kind: 'throttle', retryAfterSeconds: 30 } });
      break;
    case 'throttle-once':
      fake.script({ fault: { kind: 'throttle' }, times: 1 });
      break;
    case 'hang':
      fake.script({ fault: { kind: 'hang' } });
      break;
    case 'unavailable':
      fake.script({ fault: { kind: 'error', type: 'ServiceUnavailableException' } });
      break;
    case 'timeout':
      fake.script({ fault: { kind: 'error', type: 'ModelTimeoutException' } });
      break;
  }
}
