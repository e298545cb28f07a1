/** A request the proxy refuses: a kind the interface maps to a status, a code and details. */
export class ProxyRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The body is not valid: each problem listed in `details` (as the validation pipe does). */
export class InvalidRequestError extends ProxyRequestError {
  constructor(message: string, details: string[]) {
    super('validation_failed', message, details);
  }
}

/** The model is not one the caller may use; `details.allowed` names those they may. */
export class ModelNotAllowedError extends ProxyRequestError {
  constructor(model: string, allowed: readonly string[]) {
    super('model_not_allowed', `Model ${model} is not allowed`, { allowed: [...allowed] });
  }
}

/** The requested model, or the default; refused unless it is in the allowed list. */
export function resolveModel(
  requested: string | undefined,
  defaultModel: string,
  allowed: readonly string[],
): string {
  const model = requested?.trim() || defaultModel;
  if (!allowed.includes(model)) throw new ModelNotAllowedError(model, allowed);
  return model;
}

/** An OpenAI-compatible route was asked for a model it does not serve (OpenAI answers 404). */
export class ModelNotFoundError extends ProxyRequestError {
  constructor(model: string) {
    super(
      'model_not_found',
      `The model \`${model}\` does not exist or you do not have access to it.`,
    );
  }
}
