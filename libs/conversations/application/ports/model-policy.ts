import { invalidInput } from '../../domain';

/** Which model ids callers may ask for (LLM_MODELS), and the default one. */
export abstract class ModelPolicy {
  abstract readonly defaultModel: string;
  abstract readonly allowedModels: readonly string[];

  assertAllowed(model: string): void {
    if (!this.allowedModels.includes(model)) {
      throw invalidInput('model_not_allowed', `Model ${model} is not allowed`, {
        allowed: [...this.allowedModels],
      });
    }
  }

  resolve(...candidates: (string | null | undefined)[]): string {
    const chosen = candidates.find((c): c is string => !!c) ?? this.defaultModel;
    this.assertAllowed(chosen);
    return chosen;
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
