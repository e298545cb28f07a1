import { describeLlmError, LlmUsage } from '@app/llm';
import { addLogFields, type RequestWithContext } from '@app/platform';
import { EmbedTextsResult } from '../../application/embed-texts.use-case';
import { ProxyChatResult } from '../../application/proxy-chat.use-case';
import { ProxyChatResponseDto, ProxyEmbedResponseDto, ProxyUsageDto } from './dto/proxy-chat.dto';
import { EmbeddingsResponseDto } from './dto/embeddings.dto';

export function presentUsage(usage: LlmUsage): ProxyUsageDto {
  return { input_tokens: usage.inputTokens ?? null, output_tokens: usage.outputTokens ?? null };
}

export function presentChat(result: ProxyChatResult): ProxyChatResponseDto {
  return {
    answer: result.text,
    usage: presentUsage(result.usage),
    model: result.model,
    stop_reason: result.stopReason,
  };
}

/** `{embedding}` for one text sent as a string, `{embeddings}` for an array (as the seed). */
export function presentSeedEmbedding(
  result: EmbedTextsResult,
  single: boolean,
): ProxyEmbedResponseDto {
  const vectors = single ? { embedding: result.embeddings[0] } : { embeddings: result.embeddings };
  return { ...vectors, dimensions: result.dimensions, model: result.model };
}

export function presentEmbeddings(result: EmbedTextsResult): EmbeddingsResponseDto {
  return {
    data: result.embeddings.map((embedding, index) => ({ index, embedding })),
    model: result.model,
    dimensions: result.dimensions,
    usage: { inputTokens: result.inputTokens ?? null, cachedTexts: result.cached },
  };
}

/** The in-band error of a stream that already started: the same code as an HTTP error would have. */
export function streamError(error: Error): { code: string; message: string } {
  const { code, message } = describeLlmError(error);
  return { code, message };
}

/** Facts for the access log line (model, tokens, stop reason). */
export function noteForLog(req: RequestWithContext, fields: Record<string, unknown>): void {
  const defined = Object.entries(fields).filter(([, value]) => value !== undefined);
  addLogFields(req, Object.fromEntries(defined));
}
