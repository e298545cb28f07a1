import { invalidInput } from './domain-errors';

/**
 * How a turn's model is chosen once its conversation is known: `requested`, else the
 * conversation's own model, else `fallback`; the result must be one of `allowed`.
 */
export interface ModelChoice {
  requested: string | null;
  fallback: string;
  allowed: readonly string[];
}

/** Throws model_not_allowed unless `model` is one of `allowed`. */
export function assertModelAllowed(model: string, allowed: readonly string[]): void {
  if (!allowed.includes(model)) {
    throw invalidInput('model_not_allowed', `Model ${model} is not allowed`, {
      allowed: [...allowed],
    });
  }
}

/** Applies a ModelChoice to a conversation's model; throws model_not_allowed. */
export function chooseModel(choice: ModelChoice, conversationModel: string | null): string {
  const chosen = choice.requested || conversationModel || choice.fallback;
  assertModelAllowed(chosen, choice.allowed);
  return chosen;
}
