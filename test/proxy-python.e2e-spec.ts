import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ChatHarness, startChatHarness } from './support/chat-harness';

const run = promisify(execFile);

/**
 * The three Python client examples of the proxy seed article (section 6), verbatim: only the
 * host and port are substituted when they run, with the real `requests` package.
 */
const SEED_PYTHON = {
  sync: `import requests

response = requests.post(
    "http://localhost:8000/chat",
    json={
        "mode": "chat",
        "model": "anthropic.claude-3-sonnet-20240229-v1:0",
        "payload": {
            "anthropic_version": "bedrock-2023-05-31",
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "解释 DevOps 概念"}
                    ]
                }
            ],
            "max_tokens": 256
        }
    }
)

result = response.json()
print(f"回答: {result['answer']}")
print(f"用量: {result['usage']}")
`,
  stream: `import requests
import json

response = requests.post(
    "http://localhost:8000/chat",
    json={
        "mode": "chat",
        "stream": True,
        "model": "anthropic.claude-3-sonnet-20240229-v1:0",
        "payload": {
            "anthropic_version": "bedrock-2023-05-31",
            "messages": [
                {
                    "role": "user",
                    "content": "写一段关于机器学习的介绍"
                }
            ],
            "max_tokens": 512
        }
    },
    stream=True
)

# 逐块接收并显示
for line in response.iter_lines():
    if line:
        chunk = json.loads(line)
        if "text" in chunk:
            print(chunk["text"], end="", flush=True)
`,
  embed: `import requests

response = requests.post(
    "http://localhost:8000/chat",
    json={
        "mode": "embed",
        "model": "amazon.titan-embed-text-v2:0",
        "text": "这是一个测试句子"
    }
)

result = response.json()
print(f"嵌入维度: {result['dimensions']}")
print(f"前5个值: {result['embedding'][:5]}")
`,
};

const SEED_ARTICLE = path.resolve(__dirname, '../../shared/seeds/bedrock-proxy-article.md');
const SONNET = 'anthropic.claude-3-sonnet-20240229-v1:0';

/** The examples need python3 and `requests`; without them this suite says so and is skipped. */
const python = spawnSync('python3', ['-c', 'import requests'], { encoding: 'utf8' });
const canRun = python.status === 0;
if (!canRun) {
  console.warn(
    `Skipping the seed's Python examples: python3 with requests is not available (${python.stderr || python.error?.message})`,
  );
}

it("the Python examples are the seed article's, character for character", () => {
  const article = existsSync(SEED_ARTICLE) ? readFileSync(SEED_ARTICLE, 'utf8') : undefined;
  for (const code of Object.values(SEED_PYTHON)) {
    expect(code).toContain('http://localhost:8000/chat');
    if (article !== undefined) expect(article).toContain(code);
  }
});

(canRun ? describe : describe.skip)(
  "the seed article's Python examples run unchanged against the Bedrock adapter on the emulator",
  () => {
    let h: ChatHarness;
    beforeAll(async () => {
      // The examples name Claude 3 Sonnet: an operator allows it with LLM_MODELS.
      h = await startChatHarness('bedrock emulator', { env: { LLM_MODELS: SONNET } });
    });
    afterAll(() => h?.close());
    beforeEach(() => h.reset());

    async function python3(code: string): Promise<string> {
      const { host } = new URL(h.t.url);
      const { stdout } = await run('python3', ['-c', code.replaceAll('localhost:8000', host)], {
        timeout: 20000,
        env: { ...process.env, PYTHONIOENCODING: 'utf-8', NO_PROXY: '127.0.0.1,localhost' },
      });
      return stdout;
    }

    it('6.1 sync chat prints the answer and the usage', async () => {
      const out = await python3(SEED_PYTHON.sync);
      expect(out).toMatch(
        /^回答: Emulated reply to: 解释 DevOps 概念\n用量: \{'input_tokens': \d+, 'output_tokens': 6\}\n$/,
      );
      expect(h.emulator!.requests[0]).toMatchObject({ operation: 'invoke', modelId: SONNET });
    });

    it('6.2 streamed chat prints the chunks as they arrive', async () => {
      const out = await python3(SEED_PYTHON.stream);
      expect(out).toBe('Emulated reply to: 写一段关于机器学习的介绍');
      expect(h.emulator!.requests[0].operation).toBe('invoke-with-response-stream');
    });

    it('6.3 embedding prints the dimensions and the first five values', async () => {
      const out = await python3(SEED_PYTHON.embed);
      expect(out).toMatch(
        /^嵌入维度: 1024\n前5个值: \[(-?\d\.\d+(e-\d+)?, ){4}-?\d\.\d+(e-\d+)?\]\n$/,
      );
    });
  },
);
