/**
 * Which model ids the emulator knows, as Bedrock's catalogue would: `provider.model` ids, with
 * an optional cross-region inference profile prefix, or a Bedrock ARN.
 */
const PROVIDERS = [
  'ai21',
  'amazon',
  'anthropic',
  'cohere',
  'deepseek',
  'meta',
  'mistral',
  'openai',
  'qwen',
  'stability',
  'writer',
];
const MODEL_ID = new RegExp(
  `^(?:(?:us|eu|apac|us-gov|global)\\.)?(?:${PROVIDERS.join('|')})\\.[a-z0-9][a-z0-9.:-]*$`,
);
const ARN = /^arn:aws(?:-[a-z]+)*:bedrock:[a-z0-9-]+:\d{0,12}:[a-z-]+\/[A-Za-z0-9.:/-]+$/;
const EMBEDDING_MODEL = /(?:^|[./])(?:amazon\.titan-embed|cohere\.embed)/;

/** Bedrock's refusal of this model for this operation, or undefined when it may go on. */
export function modelRefusal(modelId: string, operation: string): string | undefined {
  if (!MODEL_ID.test(modelId) && !ARN.test(modelId)) {
    return 'The provided model identifier is invalid.';
  }
  const converse = operation === 'converse' || operation === 'converse-stream';
  if (converse && EMBEDDING_MODEL.test(modelId)) {
    return "This action doesn't support the model that you provided. Try again with a supported text or chat model.";
  }
  return undefined;
}
