import { Module } from '@nestjs/common';
import { ErrorRenderers } from '@app/platform';
import { openAiErrorRenderer } from './interface/http/openai/openai-error.renderer';
import { OpenAiController } from './interface/http/openai/openai.controller';
import { ProxyModule } from './proxy.module';

/**
 * The OpenAI-compatible face (`/v1/chat/completions`, `/v1/embeddings`, `/v1/models`) over the
 * proxy's use cases; every error under `/v1`, guard refusals included, in OpenAI's shape.
 */
@Module({
  imports: [ProxyModule],
  controllers: [OpenAiController],
})
export class OpenAiApiModule {
  constructor(renderers: ErrorRenderers) {
    renderers.register(openAiErrorRenderer);
  }
}
