import { payloadProblems } from './anthropic-payload';
import { anthropicStopReason, estimateInputTokens, toLlmRequest } from './anthropic-translation';
import type { AnthropicPayload } from './anthropic-payload';

const valid: AnthropicPayload = {
  anthropic_version: 'bedrock-2023-05-31',
  system: [
    { type: 'text', text: 'Be brief.' },
    { type: 'text', text: 'Answer in English.' },
  ],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'part one' },
        { type: 'text', text: 'part two' },
      ],
    },
    { role: 'assistant', content: 'an answer' },
    { role: 'user', content: 'and now?' },
  ],
  max_tokens: 300,
  temperature: 0.2,
  top_p: 0.9,
  top_k: 50,
  stop_sequences: ['END'],
};

describe('payloadProblems', () => {
  it('accepts a full Anthropic Messages body', () => {
    expect(payloadProblems(valid, 4096)).toEqual([]);
    expect(
      payloadProblems({ messages: [{ role: 'user', content: 'hi' }], max_tokens: 1 }, 1),
    ).toEqual([]);
  });

  it('names each field at fault, with its path', () => {
    expect(
      payloadProblems(
        {
          anthropic_version: 2023,
          messages: [{ role: 'user', content: [{ type: 'text', text: 'ok' }, 'loose'] }, null],
          system: 5,
          max_tokens: 1.5,
          top_p: -1,
          top_k: 501,
        },
        4096,
      ),
    ).toEqual([
      'payload.anthropic_version must be a string such as "bedrock-2023-05-31"',
      'payload.messages[0].content[1] must be a content block object',
      'payload.messages[1] must be an object {role, content}',
      'payload.system must be a string or an array of text blocks, not a number',
      'payload.max_tokens must be an integer from 1 to 4096',
      'payload.top_p must be a number from 0 to 1',
      'payload.top_k must be an integer from 0 to 500',
    ]);
  });

  it('an empty system prompt is allowed; arrays and null payloads are not', () => {
    expect(payloadProblems({ ...valid, system: '' }, 4096)).toEqual([]);
    expect(payloadProblems([], 10)).toEqual(['payload must be an object, not an array']);
    expect(payloadProblems(null, 10)).toEqual(['payload must be an object, not null']);
  });
});

describe('toLlmRequest', () => {
  it('translates for every provider and keeps the body for Bedrock', () => {
    const { anthropic_version: _version, ...noVersion } = valid;
    const request = toLlmRequest(noVersion, 'model-x');
    expect(request).toEqual({
      model: 'model-x',
      system: 'Be brief.\nAnswer in English.',
      messages: [
        { role: 'user', content: 'part one\npart two' },
        { role: 'assistant', content: 'an answer' },
        { role: 'user', content: 'and now?' },
      ],
      maxTokens: 300,
      temperature: 0.2,
      topP: 0.9,
      topK: 50,
      stopSequences: ['END'],
      native: {
        format: 'anthropic-messages',
        body: { anthropic_version: 'bedrock-2023-05-31', ...noVersion },
      },
    });
    // (28 characters of system prompt + 34 of messages) / 4, rounded up
    expect(estimateInputTokens(request)).toBe(16);
  });

  it('keeps a version the caller gave', () => {
    const body = toLlmRequest({ ...valid, anthropic_version: 'custom' }, 'm').native!.body;
    expect(body.anthropic_version).toBe('custom');
  });
});

describe('anthropicStopReason', () => {
  it.each([
    [{ unified: 'end', raw: 'end_turn' }, 'end_turn'],
    [{ unified: 'end', raw: 'stop' }, 'end_turn'],
    [{ unified: 'length', raw: 'length' }, 'max_tokens'],
    [{ unified: 'stop_sequence', raw: 'stop' }, 'stop_sequence'],
    [{ unified: 'content_filter', raw: 'guardrail_intervened' }, 'guardrail_intervened'],
    [{ unified: 'content_filter', raw: 'content_filter' }, 'content_filtered'],
    [{ unified: 'tool_use', raw: 'tool_calls' }, 'tool_use'],
    [{ unified: 'other', raw: 'weird' }, 'weird'],
    [{ unified: 'other' }, null],
  ] as const)('%j -> %s', (stop, expected) => {
    expect(anthropicStopReason(stop)).toBe(expected);
  });
});
