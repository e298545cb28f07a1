/// <reference types="jest" />
// Test-only code (uses jest globals); the app build compiles it, nothing at run time loads it.
import { LlmRequest, LlmToolDefinition } from '@app/llm';
import { collect, ContractContext, textOf, typesOf } from './llm-contract.helpers';

const WEATHER: LlmToolDefinition = {
  name: 'get_weather',
  description: 'The weather in a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};
const CLOCK: LlmToolDefinition = {
  name: 'get_time',
  inputSchema: { type: 'object', properties: { zone: { type: 'string' } } },
};

const asking = (model: string, extra: Partial<LlmRequest> = {}): LlmRequest => ({
  model,
  messages: [{ role: 'user', content: 'Please call get_weather for Paris' }],
  tools: [CLOCK, WEATHER],
  ...extra,
});

/** Tool use through the port: definitions in, a call out (whole and streamed), results back. */
export function describeToolContract(ctx: ContractContext): void {
  describe('tools', () => {
    const model = (): string => ctx.setup.model;

    it('answers a request naming a tool with a call of it and stop reason tool_use', async () => {
      const result = await ctx.setup.client.generate(asking(model()));
      expect(result.stopReason.unified).toBe('tool_use');
      expect(result.toolCalls).toEqual([
        { id: expect.any(String), name: 'get_weather', input: expect.any(Object) },
      ]);
      expect(result.toolCalls![0].id.length).toBeGreaterThan(0);
      expect(typeof result.toolCalls![0].input.city).toBe('string');
    });

    it('streams the call: tool-call-start, input deltas making its JSON, finish tool_use', async () => {
      const { events, thrown } = await collect(ctx.setup.client.stream(asking(model())));
      expect(thrown).toBeUndefined();
      const types = typesOf(events).filter((type) => type !== 'text-delta');
      expect(types[0]).toBe('start');
      expect(types[1]).toBe('tool-call-start');
      expect(types.at(-1)).toBe('finish');
      expect(types.slice(2, -1).every((type) => type === 'tool-input-delta')).toBe(true);
      const start = events.find((event) => event.type === 'tool-call-start');
      expect(start).toEqual({
        type: 'tool-call-start',
        index: 0,
        id: expect.any(String),
        name: 'get_weather',
      });
      const json = events.map((e) => (e.type === 'tool-input-delta' ? e.json : '')).join('');
      expect(JSON.parse(json)).toEqual({ city: expect.any(String) });
      const finish = events.at(-1);
      expect(finish?.type === 'finish' && finish.stopReason.unified).toBe('tool_use');
    });

    it('a forced tool is called even when the message names none', async () => {
      const result = await ctx.setup.client.generate(
        asking(model(), {
          messages: [{ role: 'user', content: 'What time is it?' }],
          toolChoice: { type: 'tool', name: 'get_weather' },
        }),
      );
      expect(result.toolCalls?.map((call) => call.name)).toEqual(['get_weather']);
    });

    it('after the tool result, answers with text (whole and streamed)', async () => {
      const first = await ctx.setup.client.generate(asking(model()));
      const call = first.toolCalls![0];
      const request = asking(model(), {
        messages: [
          { role: 'user', content: 'Please call get_weather for Paris' },
          { role: 'assistant', content: [{ type: 'tool-use', ...call }] },
          {
            role: 'user',
            content: [{ type: 'tool-result', toolUseId: call.id, content: 'Sunny, 21 C' }],
          },
        ],
      });
      const result = await ctx.setup.client.generate(request);
      expect(result.stopReason.unified).toBe('end');
      expect(result.toolCalls ?? []).toEqual([]);
      expect(result.text).toContain('Sunny, 21 C');
      const { events } = await collect(ctx.setup.client.stream(request));
      expect(textOf(events)).toBe(result.text);
      expect(typesOf(events)).not.toContain('tool-call-start');
    });

    it('tool choice none: a plain text answer', async () => {
      const result = await ctx.setup.client.generate(
        asking(model(), { toolChoice: { type: 'none' } }),
      );
      expect(result.toolCalls ?? []).toEqual([]);
      expect(result.text.length).toBeGreaterThan(0);
    });
  });
}
