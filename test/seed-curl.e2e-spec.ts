import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startChatHarness } from './support/chat-harness';
import { createTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);

/**
 * The three curl examples of the seed README (../shared/seeds/chat-backend-readme.txt, section
 * "Testing the API"), verbatim: only the host and port are substituted when they are run.
 */
const SEED_CURLS = {
  health: 'curl http://localhost:8000/health',
  send: `curl -X POST http://localhost:8000/api/v1/chats \\
-H "Content-Type: application/json" \\
-d '{
"message": "What are SQL injection attacks?",
"chat_id": "test-chat-123"
}'`,
  history: 'curl "http://localhost:8000/api/v1/my-history?chat_id=test-chat-123"',
};

const SEED_README = path.resolve(__dirname, '../../shared/seeds/chat-backend-readme.txt');

/** Runs one example with the real curl binary (through bash, as a user pastes it). */
async function curl(command: string, app: TestApp): Promise<unknown> {
  const { host } = new URL(app.url);
  const { stdout } = await run('bash', ['-c', command.replaceAll('localhost:8000', host)], {
    timeout: 10000,
  });
  return JSON.parse(stdout) as unknown;
}

it('the curl examples are the seed README’s, character for character', () => {
  // The seed lives beside the repository; the copy above must not drift from it.
  const readme = existsSync(SEED_README) ? readFileSync(SEED_README, 'utf8') : undefined;
  for (const command of Object.values(SEED_CURLS)) {
    expect(command.replaceAll('localhost:8000', 'x')).not.toBe(command);
    if (readme !== undefined) expect(readme).toContain(command);
  }
});

describe.each([
  ['a fresh install (no LLM_PROVIDER: the offline mock)', 'default'],
  ['the Bedrock adapter on the emulator', 'bedrock'],
] as const)("the seed README's curl examples work unchanged against %s", (_label, kind) => {
  let app: TestApp;
  let close: () => Promise<void>;
  beforeAll(async () => {
    if (kind === 'default') {
      app = await createTestApp({ LLM_PROVIDER: undefined });
      close = () => app.close();
    } else {
      const h = await startChatHarness('bedrock emulator');
      app = h.t;
      close = () => h.close();
    }
  });
  afterAll(() => close?.());

  it('health, send a chat message to test-chat-123, read its history', async () => {
    expect(await curl(SEED_CURLS.health, app)).toEqual({ status: 'ok' });

    const sent = (await curl(SEED_CURLS.send, app)) as Record<string, unknown> & {
      metadata: Record<string, unknown>;
    };
    expect(sent).toMatchObject({
      chat_id: 'test-chat-123',
      status: 'success',
      metadata: {
        question: 'What are SQL injection attacks?',
        bedrock_processed: kind === 'bedrock',
      },
    });
    expect(typeof sent.response).toBe('string');
    expect((sent.response as string).length).toBeGreaterThan(0);
    expect(typeof sent.message_uid).toBe('string');
    expect(typeof sent.response_session_id).toBe('string');
    expect(typeof sent.metadata.timestamp).toBe('string');

    const history = (await curl(SEED_CURLS.history, app)) as {
      items: Record<string, unknown>[];
      total: number;
    };
    const turn = history.items.find((i) => i.message_uid === sent.message_uid);
    expect(turn).toMatchObject({
      chat_id: 'test-chat-123',
      user_input: 'What are SQL injection attacks?',
      bedrock_response: sent.response,
      response_session_id: sent.response_session_id,
      chat_metadata: { user_id: 'anonymous', bedrock_processed: kind === 'bedrock' },
    });
    expect(history.items[0].message_uid).toBe(sent.message_uid); // newest first
  });
});
