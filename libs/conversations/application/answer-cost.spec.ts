import {
  DEFAULT_MODEL,
  inMemoryWorld,
  OTHER_MODEL,
  sendMessageUseCase,
} from '../testing/use-case.fixture';

import { UsageQueries } from './usage.queries';

describe("An answer's cost", () => {
  const setUp = () => {
    const w = inMemoryWorld();
    const sending = sendMessageUseCase(w);
    const send = async (model: string) => {
      const result = await sending.execute({
        ownerId: 'o',
        createIfMissing: true,
        content: 'question',
        model,
      });
      if (result.kind !== 'started') throw new Error('expected a new turn');
      return (await result.run.done).toJSON();
    };
    return { ...w, send, usage: new UsageQueries(w.reads) };
  };

  it("is stored with its tokens at the model's price; an unpriced model has none", async () => {
    const w = setUp();
    // The fixture's model answers with 5 input and 3 output tokens at 1 and 2 USD per 1,000.
    const priced = await w.send(DEFAULT_MODEL);
    expect(priced).toMatchObject({ inputTokens: 5, outputTokens: 3, costUsd: 0.011 });
    const unpriced = await w.send(OTHER_MODEL);
    expect(unpriced.costUsd).toBeNull();
    expect(await w.usage.since('o', new Date(0))).toEqual({
      answers: 2,
      inputTokens: 10,
      outputTokens: 6,
      costUsd: 0.011,
    });
    expect((await w.usage.since('someone-else', new Date(0))).costUsd).toBe(0);
  });
});
