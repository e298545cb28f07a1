import { readFileSync } from 'node:fs';
import { DEFAULT_MODEL_PRICES, ModelPriceList, parseModelPrices } from '../domain';

/**
 * The default prices with those of MODEL_PRICES_FILE on top. Throws one error naming the file
 * and each bad entry, read at start-up (configuration), never per request.
 */
export function loadModelPrices(file: string | undefined): ModelPriceList {
  if (!file) return { ...DEFAULT_MODEL_PRICES };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `MODEL_PRICES_FILE=${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const { prices, problems } = parseModelPrices(json);
  if (problems.length) throw new Error(`MODEL_PRICES_FILE=${file}: ${problems.join('; ')}`);
  return { ...DEFAULT_MODEL_PRICES, ...prices };
}
