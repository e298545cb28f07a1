import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ChatRateLimit, closeSignal, CurrentUser, Metrics } from '@app/platform';
import type { AuthenticatedUser, HttpReply, RequestWithContext } from '@app/platform';
import { EmbedTextsUseCase } from '../../../application/embed-texts.use-case';
import { toChatLlmRequest } from '../../../application/openai/openai-chat.request';
import { servedModel, servedModels } from '../../../application/openai/openai-models';
import { ProxyChatUseCase } from '../../../application/proxy-chat.use-case';
import { ProxySettings } from '../../../application/proxy-settings';
import { noteForLog } from '../proxy.presenter';
import { ApiOpenAiErrors } from './api-openai-errors.decorator';
import {
  ChatCompletionRequestDto,
  OpenAiImagePartDto,
  OpenAiNamedToolChoiceDto,
  OpenAiTextPartDto,
} from './openai-chat.dto';
import { OpenAiEmbeddingsRequestDto } from './openai-embeddings.dto';
import { CHAT_EXAMPLES, STREAM_EXAMPLE } from './openai.examples';
import { completionIds, presentCompletion, presentEmbeddings } from './openai.presenter';
import {
  ChatCompletionDto,
  OpenAiEmbeddingListDto,
  OpenAiModelDto,
  OpenAiModelListDto,
} from './openai-responses.dto';
import { OpenAiSseWriter } from './openai-sse.writer';
import { writeCompletionStream } from './openai-stream';

/**
 * OpenAI's chat completions, embeddings and models over the LLM port, so every provider serves
 * them. Errors in OpenAI's shape (the `/v1` error renderer); auth, limits, the token budget,
 * the access log and metrics as on every route.
 */
@ApiTags('OpenAI-compatible')
@ApiHeader({
  name: 'X-User-Id',
  required: false,
  description: 'Caller id when AUTH_MODE=none (default: anonymous)',
})
@ApiExtraModels(OpenAiTextPartDto, OpenAiImagePartDto, OpenAiNamedToolChoiceDto)
@Controller('v1')
export class OpenAiController {
  constructor(
    private readonly chats: ProxyChatUseCase,
    private readonly embeddings: EmbedTextsUseCase,
    private readonly settings: ProxySettings,
    private readonly metrics: Metrics,
  ) {}

  @Post('chat/completions')
  @HttpCode(200)
  @ChatRateLimit()
  @ApiOperation({
    summary: 'Chat completion (OpenAI-compatible), whole or streamed',
    description:
      'OpenAI\'s request: roles system, developer, user, assistant, tool; content a string or parts (text; images as data: URLs); tools and tool_choice; n = 1. With `stream: true`, Server-Sent Events `data: {chat.completion.chunk}` ended by `data: [DONE]` (`stream_options.include_usage`: a last chunk with usage); a model failure once the stream started is one `data: {"error": {...}}` event. Any provider serves it (Bedrock through Converse).',
  })
  @ApiBody({ type: ChatCompletionRequestDto, examples: CHAT_EXAMPLES })
  @ApiOkResponse({
    description: 'The completion (JSON), or its chunks (text/event-stream)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ChatCompletionDto) } },
      'text/event-stream': { schema: { type: 'string' }, example: STREAM_EXAMPLE },
    },
  })
  @ApiExtraModels(ChatCompletionDto)
  @ApiOpenAiErrors(400, 401, 404, 413, 415, 429, 502, 503, 504)
  async completions(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChatCompletionRequestDto,
    @Req() req: RequestWithContext,
    @Res() reply: HttpReply,
  ): Promise<void> {
    const model = servedModel(body.model, this.settings.chatModels);
    const request = toChatLlmRequest(body, model, this.settings.maxTokensLimit);
    const stream = body.stream === true;
    noteForLog(req, { api: 'openai', model, stream, endUser: body.user });
    const signal = closeSignal(reply);
    if (!stream) {
      const result = await this.chats.complete(user.id, request, signal);
      noteForLog(req, {
        model: result.model,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        stopReason: result.stopReason,
      });
      reply.status(200).json(presentCompletion(result, completionIds(model)));
      return;
    }
    // Refused by the budget: a plain 429. Past it, headers go out before the model is called.
    await this.chats.admit(user.id, request);
    const writer = new OpenAiSseWriter(reply);
    this.metrics.streamOpened();
    try {
      await writeCompletionStream(writer, req, {
        ids: completionIds(model),
        includeUsage: body.stream_options?.include_usage === true,
        open: () => this.chats.start(user.id, request, signal),
      });
    } finally {
      this.metrics.streamClosed();
      writer.end();
    }
  }

  @Post('embeddings')
  @HttpCode(200)
  @ChatRateLimit()
  @ApiOperation({
    summary: 'Embeddings (OpenAI-compatible)',
    description:
      'Vectors in input order, as numbers or (`encoding_format: "base64"`) base64 of little-endian float32 values; same use case and cache as POST /api/v1/embeddings.',
  })
  @ApiBody({
    type: OpenAiEmbeddingsRequestDto,
    examples: {
      batch: {
        summary: 'Two texts, 512 dimensions',
        value: {
          model: 'amazon.titan-embed-text-v2:0',
          input: ['first document', 'second document'],
          dimensions: 512,
        },
      },
    },
  })
  @ApiOkResponse({ type: OpenAiEmbeddingListDto })
  @ApiOpenAiErrors(400, 401, 404, 413, 415, 429, 502, 503, 504)
  async createEmbeddings(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: OpenAiEmbeddingsRequestDto,
    @Req() req: RequestWithContext,
    @Res() reply: HttpReply,
  ): Promise<void> {
    const model = servedModel(body.model, this.settings.embedModels);
    noteForLog(req, { api: 'openai', model, endUser: body.user });
    const result = await this.embeddings.execute(
      {
        userId: user.id,
        texts: typeof body.input === 'string' ? [body.input] : body.input,
        model,
        dimensions: body.dimensions,
      },
      closeSignal(reply),
    );
    noteForLog(req, { inputTokens: result.inputTokens, cachedTexts: result.cached });
    reply.status(200).json(presentEmbeddings(result, body.encoding_format ?? 'float'));
  }

  @Get('models')
  @ApiOperation({
    summary: 'The models these routes serve (LLM_MODELS and EMBED_MODELS with their defaults)',
  })
  @ApiOkResponse({ type: OpenAiModelListDto })
  @ApiOpenAiErrors(401, 429)
  listModels(): OpenAiModelListDto {
    return { object: 'list', data: servedModels(this.settings).map((id) => this.describe(id)) };
  }

  @Get('models/:model')
  @ApiOperation({ summary: 'One served model' })
  @ApiParam({ name: 'model', example: 'anthropic.claude-3-haiku-20240307-v1:0' })
  @ApiOkResponse({ type: OpenAiModelDto })
  @ApiOpenAiErrors(401, 404, 429)
  getModel(@Param('model') model: string): OpenAiModelDto {
    return this.describe(servedModel(model, servedModels(this.settings)));
  }

  private describe(id: string): OpenAiModelDto {
    return { id, object: 'model', created: 0, owned_by: this.settings.providerName };
  }
}
