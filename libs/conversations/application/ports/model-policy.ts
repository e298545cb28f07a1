import { invalidInput } from '../../domain';

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
function assertModelAllowed(model: string, allowed: readonly string[]): void {
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

/** Which model ids callers may ask for (LLM_MODELS), and the default one. */
export abstract class ModelPolicy {
  abstract readonly defaultModel: string;
  abstract readonly allowedModels: readonly string[];

  assertAllowed(model: string): void {
    assertModelAllowed(model, this.allowedModels);
  }

  resolve(requested: string | null | undefined, conversationModel: string | null): string {
    return chooseModel(this.choice(requested), conversationModel);
  }

  /** The choice for a turn whose conversation's model is read under its row lock. */
  choice(requested: string | null | undefined): ModelChoice {
    return {
      requested: requested || null,
      fallback: this.defaultModel,
      allowed: this.allowedModels,
    };
  }
}

export class StaticModelPolicy extends ModelPolicy {
  constructor(
    readonly defaultModel: string,
    readonly allowedModels: readonly string[],
  ) {
    super();
  }
}
