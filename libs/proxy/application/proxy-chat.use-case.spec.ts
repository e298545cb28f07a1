import { LlmEvent, LlmThrottledError, LlmUnavailableError } from '@app/llm';
import { FakeLlmClient } from '../../../test/llm-contract';
import { Metrics, UnlimitedTokenBudget } from '@app/platform';
import { ProxyChatUseCase, ProxyStreamEvent } from './proxy-chat.use-case';
import { ProxySettings } from './proxy-settings';

const settings: ProxySettings = {
  defaultChatModel: 'm',
  chatModels: ['m'],
  defaultEmbedModel: 'e',
  embedModels: ['e'],
  maxTokensLimit: 100,
  embedCacheMax: 0,
  embedCacheTtlSeconds: 1,
  providerName: 'fake',
};
const payload = { messages: [{ role: 'user', content: 'hi' }], max_tokens: 10 };

function setup(llm: FakeLlmClient) {
  const useCase = new ProxyChatUseCase(llm, settings, new Metrics(), new UnlimitedTokenBudget());
  return { useCase, request: useCase.prepare(undefined, payload) };
}

async function drain(events: AsyncGenerator<ProxyStreamEvent>): Promise<ProxyStreamEvent[]> {
  const seen: ProxyStreamEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe('ProxyChatUseCase.open', () => {
  it('a failure before the first text rejects, even after the start event', async () => {
    const error = new LlmThrottledError('busy', 1000);
    const llm = new FakeLlmClient([
      { fail: error },
      {
        events: [
          { type: 'start', model: 'm' },
          { type: 'error', error },
        ],
      },
    ]);
    const { useCase, request } = setup(llm);
    await expect(useCase.open('u', request)).rejects.toBe(error);
    await expect(useCase.open('u', request)).rejects.toBe(error);
  });

  it('gives the text, then one end with Anthropic stop reason; a later failure is an error event', async () => {
    const failure = new LlmUnavailableError('broken');
    const llm = new FakeLlmClient([
      { text: 'hello there' },
      {
        events: [
          { type: 'start', model: 'fallback' },
          { type: 'text-delta', text: 'par' },
          { type: 'error', error: failure },
        ],
      },
    ]);
    const { useCase, request } = setup(llm);
    const ok = await useCase.open('u', request);
    expect(await drain(ok.events)).toEqual([
      { type: 'text', text: 'hello' },
      { type: 'text', text: 'there' },
      {
        type: 'end',
        usage: {},
        stopReason: 'end_turn',
        stop: { unified: 'end', raw: 'end_turn' },
      },
    ]);
    const broken = await useCase.open('u', request);
    expect(broken.model).toBe('fallback');
    expect(await drain(broken.events)).toEqual([
      { type: 'text', text: 'par' },
      { type: 'error', error: failure },
    ]);
  });

  it('a consumer that leaves closes the upstream stream (which stops the call)', async () => {
    const closed = jest.fn();
    const endless: AsyncIterator<LlmEvent> = {
      next: async () => ({ done: false, value: { type: 'text-delta', text: 'a' } }),
      return: async () => {
        closed();
        return { done: true, value: undefined };
      },
    };
    const llm = new FakeLlmClient();
    const stream = jest.spyOn(llm, 'stream') as unknown as jest.SpyInstance<
      AsyncIterable<LlmEvent>
    >;
    stream.mockReturnValue({ [Symbol.asyncIterator]: () => endless });
    const { useCase, request } = setup(llm);
    const opened = await useCase.open('u', request);
    expect((await opened.events.next()).value).toEqual({ type: 'text', text: 'a' });
    expect((await opened.events.next()).value).toEqual({ type: 'text', text: 'a' });
    expect(closed).not.toHaveBeenCalled();
    await opened.events.return(undefined);
    expect(closed).toHaveBeenCalledTimes(1);
  });
});
