/// <reference types="jest" />
// Test-only code (uses jest globals); the app build compiles it, nothing at run time loads it.
import { LlmClient, LlmAbortedError } from '@app/llm';
import {
  ask,
  collect,
  COHERE_EMBED_MODEL,
  ContractCapabilities,
  ContractContext,
  ContractSetup,
  rejection,
  textOf,
  TITAN_EMBED_MODEL,
  typesOf,
} from './llm-contract.helpers';
import { describeFaultContract } from './llm-contract.faults';
import { describeToolContract } from './llm-contract.tools';

export * from './llm-contract.helpers';

const norm = (vector: number[]): number => Math.sqrt(vector.reduce((s, v) => s + v * v, 0));

/**
 * The behaviour every LlmClient adapter must show. Each adapter's spec calls this once with a
 * setup giving a raw adapter (no wrappers: the cases build the wrappers they test), and
 * declares what its fault injector can play: only those cases are defined (none is skipped).
 */
export function describeLlmContract(
  name: string,
  setup: () => Promise<ContractSetup>,
  capabilities: ContractCapabilities = {},
): void {
  describe(`LLM contract: ${name}`, () => {
    const ctx = {} as ContractContext;
    const model = (): string => ctx.setup.model;
    const canDelay = capabilities.faults?.includes('delay') ?? false;

    beforeAll(async () => {
      ctx.setup = await setup();
      for (const kind of capabilities.faults ?? []) {
        if (!ctx.setup.faults?.supports(kind)) {
          throw new Error(`${name}: declared fault ${kind} but its injector cannot play it`);
        }
      }
    });
    afterEach(() => ctx.setup.faults?.reset());
    afterAll(async () => {
      await ctx.setup?.teardown();
    });

    it('generate answers with text, the model used, usage and an end stop reason', async () => {
      const result = await ctx.setup.client.generate(ask(model(), 'Say hello to the contract'));
      expect(result.text.length).toBeGreaterThan(0);
      expect(result.model).toBe(model());
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(result.usage.totalTokens).toBe(result.usage.inputTokens! + result.usage.outputTokens!);
      // The raw reason is the provider's own word (Bedrock end_turn, OpenAI stop).
      expect(result.stopReason).toEqual({ unified: 'end', raw: expect.any(String) });
    });

    it('streams start, text deltas, finish in order; the deltas make the generate text', async () => {
      const request = ask(model(), 'Tell me a short story about streams', { system: 'Be brief.' });
      const result = await ctx.setup.client.generate(request);
      const { events, thrown } = await collect(ctx.setup.client.stream(request));
      expect(thrown).toBeUndefined();
      const types = typesOf(events);
      expect(types[0]).toBe('start');
      expect(types.at(-1)).toBe('finish');
      expect(types.slice(1, -1).every((type) => type === 'text-delta')).toBe(true);
      expect(types.length).toBeGreaterThan(3);
      expect(events[0]).toEqual({ type: 'start', model: model() });
      expect(textOf(events)).toBe(result.text);
      const finish = events.at(-1);
      expect(finish).toEqual({
        type: 'finish',
        usage: result.usage,
        stopReason: result.stopReason,
      });
    });

    it('counts more input tokens for a longer conversation', async () => {
      const short = await ctx.setup.client.generate(ask(model(), 'Hi'));
      const long = await ctx.setup.client.generate({
        model: model(),
        system: 'You are a careful assistant. '.repeat(20),
        messages: [
          { role: 'user', content: 'First question about something rather long. '.repeat(10) },
          { role: 'assistant', content: 'A first answer. '.repeat(10) },
          { role: 'user', content: 'Hi' },
        ],
      });
      expect(long.usage.inputTokens!).toBeGreaterThan(short.usage.inputTokens!);
    });

    it('maxTokens cuts the answer with stop reason length', async () => {
      const request = ask(model(), 'Please write a very long answer about many things', {
        maxTokens: 3,
      });
      const result = await ctx.setup.client.generate(request);
      expect(result.stopReason.unified).toBe('length');
      expect(result.usage.outputTokens).toBeLessThanOrEqual(3);
      const { events } = await collect(ctx.setup.client.stream(request));
      const finish = events.at(-1);
      expect(finish?.type === 'finish' && finish.stopReason.unified).toBe('length');
      expect(textOf(events)).toBe(result.text);
    });

    it('a stop sequence cuts the answer with stop reason stop_sequence', async () => {
      const request = ask(model(), 'alpha beta STOPHERE gamma', { stopSequences: ['STOPHERE'] });
      const result = await ctx.setup.client.generate(request);
      expect(result.stopReason.unified).toBe('stop_sequence');
      expect(result.text).not.toContain('STOPHERE');
      expect(result.text).toContain('beta');
    });

    if (capabilities.forcedStopReason) {
      it('reports a guardrail intervention as content_filter', async () => {
        ctx.setup.faults!.forceStopReason!('guardrail_intervened');
        const result = await ctx.setup.client.generate(
          ask(model(), 'Something the guardrail blocks'),
        );
        expect(result.stopReason).toEqual({
          unified: 'content_filter',
          raw: 'guardrail_intervened',
        });
        const { events } = await collect(ctx.setup.client.stream(ask(model(), 'Blocked again')));
        const finish = events.at(-1);
        expect(finish?.type === 'finish' && finish.stopReason.unified).toBe('content_filter');
      });
    }

    it('rejects at once with LlmAbortedError when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await rejection(
        ctx.setup.client.generate(ask(model(), 'never sent'), controller.signal),
        LlmAbortedError,
      );
      const { events, thrown } = await collect(
        ctx.setup.client.stream(ask(model(), 'never'), controller.signal),
      );
      expect(events).toEqual([]);
      expect(thrown).toBeInstanceOf(LlmAbortedError);
    });

    it('aborting mid-stream ends the stream with LlmAbortedError and stops the upstream call', async () => {
      const faults = ctx.setup.faults;
      if (canDelay) faults!.inject({ kind: 'delay', chunkDelayMs: 40 });
      const controller = new AbortController();
      const request = ask(model(), 'one two three four five six seven eight nine ten');
      const { events, thrown } = await collect(
        ctx.setup.client.stream(request, controller.signal),
        (event) => {
          if (event.type === 'text-delta') controller.abort();
        },
      );
      expect(thrown).toBeUndefined();
      expect(typesOf(events).slice(0, 2)).toEqual(['start', 'text-delta']);
      const last = events.at(-1);
      expect(last?.type === 'error' && last.error).toBeInstanceOf(LlmAbortedError);
      expect(typesOf(events)).not.toContain('finish');
      if (canDelay) await faults!.waitForUpstreamClose();
    });

    if (capabilities.embeddings ?? true) {
      describe('embeddings', () => {
        const embed: NonNullable<LlmClient['embed']> = (request, signal) =>
          ctx.setup.client.embed!(request, signal);
        it('embeds with Titan Text Embeddings v2, respecting dimensions and normalize', async () => {
          const texts = ['first text', 'second text'];
          const result = await embed({
            model: TITAN_EMBED_MODEL,
            texts,
            dimensions: 256,
            normalize: true,
          });
          expect(result.model).toBe(TITAN_EMBED_MODEL);
          expect(result.dimensions).toBe(256);
          expect(result.embeddings).toHaveLength(2);
          for (const vector of result.embeddings) {
            expect(vector).toHaveLength(256);
            expect(norm(vector)).toBeCloseTo(1, 5);
          }
          expect(result.embeddings[0]).not.toEqual(result.embeddings[1]);
          const again = await embed({
            model: TITAN_EMBED_MODEL,
            texts: ['first text'],
            dimensions: 256,
            normalize: true,
          });
          expect(again.embeddings[0]).toEqual(result.embeddings[0]);
        });

        it('embeds many texts with Cohere Embed, one vector per text', async () => {
          const result = await embed({
            model: COHERE_EMBED_MODEL,
            texts: ['a', 'b', 'c'],
            normalize: true,
          });
          expect(result.embeddings).toHaveLength(3);
          expect(result.dimensions).toBeGreaterThan(0);
          for (const vector of result.embeddings) {
            expect(vector).toHaveLength(result.dimensions);
            expect(norm(vector)).toBeCloseTo(1, 5);
          }
        });
      });
    }

    describeToolContract(ctx);
    describeFaultContract(ctx, capabilities.faults ?? []);
  });
}
