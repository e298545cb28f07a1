import { DEFAULT_MODEL_PRICES, parseModelPrices, PriceTable } from './model-prices';

describe('PriceTable', () => {
  const table = new PriceTable({
    ...DEFAULT_MODEL_PRICES,
    'anthropic.claude-3-haiku-20240307-v1:0': { inputPer1k: 0.5, outputPer1k: 1.5 },
  });

  it('prices an answer per 1,000 input and output tokens', () => {
    expect(table.costOf('anthropic.claude-3-haiku-20240307-v1:0', 1000, 2000)).toBe(3.5);
    expect(table.costOf('anthropic.claude-3-haiku-20240307-v1:0', 7, 11)).toBeCloseTo(0.02, 12);
  });

  it('finds the model behind inference profiles and ARNs', () => {
    const direct = table.costOf('anthropic.claude-3-sonnet-20240229-v1:0', 100, 100);
    expect(table.costOf('us.anthropic.claude-3-sonnet-20240229-v1:0', 100, 100)).toBe(direct);
    expect(
      table.costOf(
        'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0',
        100,
        100,
      ),
    ).toBe(direct);
  });

  it('has no cost for an unknown model or unknown tokens', () => {
    expect(table.costOf('nobody.knows', 10, 10)).toBeNull();
    expect(table.costOf(null, 10, 10)).toBeNull();
    expect(table.costOf('anthropic.claude-3-haiku-20240307-v1:0', null, 10)).toBeNull();
  });
});

describe('parseModelPrices', () => {
  it('accepts model -> {inputPer1k, outputPer1k}', () => {
    expect(parseModelPrices({ m: { inputPer1k: 1, outputPer1k: 0 } })).toEqual({
      prices: { m: { inputPer1k: 1, outputPer1k: 0 } },
      problems: [],
    });
  });

  it.each([
    [[], /JSON object/],
    [null, /JSON object/],
    [{ m: { inputPer1k: -1, outputPer1k: 1 } }, /"m"/],
    [{ m: { inputPer1k: '1', outputPer1k: 1 } }, /"m"/],
    [{ m: { inputPer1k: 1 } }, /"m"/],
    [{ m: { inputPer1k: 1, outputPer1k: 1, extra: 1 } }, /"m"/],
    [{ m: 3 }, /"m"/],
  ])('names what is wrong in %p', (json, problem) => {
    const { problems } = parseModelPrices(json);
    expect(problems.join('\n')).toMatch(problem);
  });
});
