import { assertModelAllowed, chooseModel, ModelChoice } from '../../domain';

export type { ModelChoice } from '../../domain';

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
