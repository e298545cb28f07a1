/** USD per 1,000 tokens of a model. */
export interface ModelPrice {
  inputPer1k: number;
  outputPer1k: number;
}

export type ModelPriceList = Record<string, ModelPrice>;

/**
 * Bedrock on-demand prices (us-east-1) of the models this service names, per 1,000 tokens.
 * MODEL_PRICES_FILE adds models or replaces these.
 */
export const DEFAULT_MODEL_PRICES: ModelPriceList = {
  'anthropic.claude-3-haiku-20240307-v1:0': { inputPer1k: 0.00025, outputPer1k: 0.00125 },
  'anthropic.claude-3-5-haiku-20241022-v1:0': { inputPer1k: 0.0008, outputPer1k: 0.004 },
  'anthropic.claude-3-sonnet-20240229-v1:0': { inputPer1k: 0.003, outputPer1k: 0.015 },
  'anthropic.claude-3-5-sonnet-20240620-v1:0': { inputPer1k: 0.003, outputPer1k: 0.015 },
  'anthropic.claude-3-5-sonnet-20241022-v2:0': { inputPer1k: 0.003, outputPer1k: 0.015 },
  'anthropic.claude-3-opus-20240229-v1:0': { inputPer1k: 0.015, outputPer1k: 0.075 },
  'amazon.titan-embed-text-v2:0': { inputPer1k: 0.00002, outputPer1k: 0 },
  'cohere.embed-english-v3': { inputPer1k: 0.0001, outputPer1k: 0 },
  'cohere.embed-multilingual-v3': { inputPer1k: 0.0001, outputPer1k: 0 },
};

/** Cross-region inference profiles (`us.`, `eu.`, ...) cost what their model costs. */
const PROFILE_PREFIX = /^(us|eu|apac|us-gov|global)\./;

/**
 * Prices by model id. A model is found by its id, or by the model an ARN or inference profile
 * names (`arn:...:inference-profile/us.anthropic.claude-3-haiku-...` -> `anthropic.claude-3-haiku-...`).
 */
export class PriceTable {
  private readonly prices: Map<string, ModelPrice>;

  constructor(prices: ModelPriceList) {
    this.prices = new Map(Object.entries(prices));
  }

  priceOf(model: string): ModelPrice | null {
    const exact = this.prices.get(model);
    if (exact) return exact;
    const named = model.slice(model.lastIndexOf('/') + 1).replace(PROFILE_PREFIX, '');
    return this.prices.get(named) ?? null;
  }

  /** USD for one answer; null when the model has no price or the tokens are unknown. */
  costOf(
    model: string | null,
    inputTokens: number | null,
    outputTokens: number | null,
  ): number | null {
    if (model === null || inputTokens === null || outputTokens === null) return null;
    const price = this.priceOf(model);
    if (!price) return null;
    // Rounded to the column's 10 decimals, so stored and reported values agree.
    return roundUsd((inputTokens * price.inputPer1k + outputTokens * price.outputPer1k) / 1000);
  }

  entries(): [string, ModelPrice][] {
    return [...this.prices.entries()];
  }
}

export const roundUsd = (usd: number): number => Math.round(usd * 1e10) / 1e10;

/**
 * Reads a price list (`{"<model id>": {"inputPer1k": 0.003, "outputPer1k": 0.015}, ...}`);
 * returns the problems found, one line each, so start-up can name them all.
 */
export function parseModelPrices(json: unknown): { prices: ModelPriceList; problems: string[] } {
  const problems: string[] = [];
  const prices: ModelPriceList = {};
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { prices, problems: ['must be a JSON object of model id -> {inputPer1k, outputPer1k}'] };
  for (const [model, value] of Object.entries(json as Record<string, unknown>)) {
    const entry = value as Record<string, unknown> | null;
    const valid =
      model.trim() !== '' &&
      typeof entry === 'object' &&
      entry !== null &&
      !Array.isArray(entry) &&
      Object.keys(entry).every((k) => k === 'inputPer1k' || k === 'outputPer1k') &&
      isPrice(entry.inputPer1k) &&
      isPrice(entry.outputPer1k);
    if (valid)
      prices[model] = {
        inputPer1k: entry.inputPer1k as number,
        outputPer1k: entry.outputPer1k as number,
      };
    else
      problems.push(
        `"${model}": expected {"inputPer1k": <USD >= 0>, "outputPer1k": <USD >= 0>}, got ${JSON.stringify(value)}`,
      );
  }
  return { prices, problems };
}

const isPrice = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1000;
