import { ModelNotFoundError } from '../proxy-errors';
import { ProxySettings } from '../proxy-settings';

/** The models the OpenAI-compatible routes serve: the allowed chat models, then embedding ones. */
export function servedModels(settings: ProxySettings): string[] {
  return [...new Set([...settings.chatModels, ...settings.embedModels])];
}

/** `model` when it is one of `allowed`; else 404 model_not_found, as OpenAI answers. */
export function servedModel(model: string, allowed: readonly string[]): string {
  const chosen = model.trim();
  if (!allowed.includes(chosen)) throw new ModelNotFoundError(chosen);
  return chosen;
}
