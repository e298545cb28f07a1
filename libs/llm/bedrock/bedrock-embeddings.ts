import { EmbedRequest, EmbedResult } from '../llm-client';
import { LlmBadRequestError, LlmUnavailableError } from '../llm-errors';
import { normalizeVector } from '../internal/deterministic-vector';

/** Sends one InvokeModel call with a JSON body and returns the parsed JSON answer. */
export type InvokeJson = (modelId: string, body: object) => Promise<unknown>;

const TITAN_CONCURRENCY = 4;
const COHERE_BATCH = 96;

export type EmbedFamily = 'titan' | 'titan-v1' | 'cohere';

/** Which request format a model id (plain, inference profile or ARN naming the model) takes. */
export function embedFamily(modelId: string): EmbedFamily | undefined {
  const id = modelId.toLowerCase();
  if (id.includes('titan-embed-text-v1') || id.includes('titan-embed-g1-text')) return 'titan-v1';
  if (id.includes('titan-embed')) return 'titan';
  if (id.includes('cohere.embed')) return 'cohere';
  return undefined;
}

function unusable(modelId: string): LlmUnavailableError {
  return new LlmUnavailableError(
    `Bedrock ${modelId} returned an unusable embedding answer`,
    'BadEmbedding',
  );
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((n) => typeof n === 'number');
}

async function embedTitan(
  invoke: InvokeJson,
  request: EmbedRequest & { model: string },
  v1: boolean,
): Promise<EmbedResult> {
  const embeddings: number[][] = new Array<number[]>(request.texts.length);
  let inputTokens = 0;
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < request.texts.length) {
      const index = next++;
      const inputText = request.texts[index];
      const body = v1
        ? { inputText }
        : {
            inputText,
            dimensions: request.dimensions ?? 1024,
            normalize: request.normalize ?? true,
          };
      const answer = (await invoke(request.model, body).catch((error: unknown) => {
        failed = true;
        throw error;
      })) as { embedding?: unknown; inputTextTokenCount?: number };
      if (!isVector(answer?.embedding)) throw unusable(request.model);
      embeddings[index] =
        v1 && request.normalize ? normalizeVector(answer.embedding) : answer.embedding;
      inputTokens += answer.inputTextTokenCount ?? 0;
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(TITAN_CONCURRENCY, request.texts.length) }, worker),
  );
  return {
    model: request.model,
    embeddings,
    dimensions: embeddings[0]?.length ?? 0,
    usage: { inputTokens },
  };
}

async function embedCohere(
  invoke: InvokeJson,
  request: EmbedRequest & { model: string },
): Promise<EmbedResult> {
  const embeddings: number[][] = [];
  for (let start = 0; start < request.texts.length; start += COHERE_BATCH) {
    const texts = request.texts.slice(start, start + COHERE_BATCH);
    const body = {
      texts,
      input_type: 'search_document',
      truncate: 'END',
      ...(request.dimensions !== undefined && request.model.includes('embed-v4')
        ? { output_dimension: request.dimensions }
        : {}),
    };
    const answer = (await invoke(request.model, body)) as { embeddings?: unknown };
    const raw = answer?.embeddings;
    const vectors = Array.isArray(raw) ? raw : (raw as { float?: unknown } | undefined)?.float;
    if (!Array.isArray(vectors) || vectors.length !== texts.length || !vectors.every(isVector)) {
      throw unusable(request.model);
    }
    embeddings.push(...vectors.map((v) => (request.normalize ? normalizeVector(v) : v)));
  }
  // Bedrock reports Cohere token counts only in response headers the SDK does not surface.
  return { model: request.model, embeddings, dimensions: embeddings[0]?.length ?? 0, usage: {} };
}

/** Titan Text Embeddings (one call a text) or Cohere Embed (one call for up to 96 texts). */
export async function bedrockEmbed(
  invoke: InvokeJson,
  request: EmbedRequest,
  defaultModelId: string,
): Promise<EmbedResult> {
  const model = request.model || defaultModelId;
  const family = embedFamily(model);
  if (!family) {
    throw new LlmBadRequestError(
      `Unsupported embedding model ${model}: use amazon.titan-embed-* or cohere.embed-*`,
    );
  }
  if (request.texts.length === 0) {
    return {
      model,
      embeddings: [],
      dimensions: request.dimensions ?? 0,
      usage: { inputTokens: 0 },
    };
  }
  const withModel = { ...request, model };
  return family === 'cohere'
    ? embedCohere(invoke, withModel)
    : embedTitan(invoke, withModel, family === 'titan-v1');
}
