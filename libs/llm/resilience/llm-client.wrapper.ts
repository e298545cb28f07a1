import { EmbedRequest, EmbedResult, LlmClient } from '../llm-client';
import { LlmBadRequestError } from '../llm-errors';
import { ClosableLlmClient, closeLlmClient } from '../llm-logger';

/** Base of the resilience wrappers: forwards provider, embed support and close. */
export abstract class LlmClientWrapper extends LlmClient implements ClosableLlmClient {
  constructor(protected readonly inner: LlmClient) {
    super();
  }

  get provider(): string {
    return this.inner.provider;
  }

  /** The innermost client (the adapter). */
  get adapter(): LlmClient {
    return this.inner instanceof LlmClientWrapper ? this.inner.adapter : this.inner;
  }

  protected innerEmbed(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult> {
    if (!this.inner.embed) {
      return Promise.reject(
        new LlmBadRequestError(`The ${this.provider} provider does not support embeddings`),
      );
    }
    return this.inner.embed(request, signal);
  }

  close(): Promise<void> {
    return closeLlmClient(this.inner);
  }
}
