import { HttpProblem } from '@app/platform';

/** 400 in the envelope, each problem listed in `details` (as the validation pipe does). */
export function invalidRequest(message: string, details: string[]): HttpProblem {
  return new HttpProblem(400, 'validation_failed', message, details);
}

/** 400 naming the models a caller may use. */
export function modelNotAllowed(model: string, allowed: readonly string[]): HttpProblem {
  return new HttpProblem(400, 'model_not_allowed', `Model ${model} is not allowed`, {
    allowed: [...allowed],
  });
}

/** The requested model, or the default; refused unless it is in the allowed list. */
export function resolveModel(
  requested: string | undefined,
  defaultModel: string,
  allowed: readonly string[],
): string {
  const model = requested?.trim() || defaultModel;
  if (!allowed.includes(model)) throw modelNotAllowed(model, allowed);
  return model;
}
