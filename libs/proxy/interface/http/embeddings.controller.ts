import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ChatRateLimit, closeSignal, CurrentUser } from '@app/platform';
import type { AuthenticatedUser, HttpReply, RequestWithContext } from '@app/platform';
import { EmbedTextsUseCase } from '../../application/embed-texts.use-case';
import { EmbeddingsRequestDto, EmbeddingsResponseDto } from './dto/embeddings.dto';
import { noteForLog, presentEmbeddings } from './proxy.presenter';

@ApiTags('embeddings')
@Controller('api/v1/embeddings')
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbedTextsUseCase) {}

  @Post()
  @HttpCode(200)
  @ChatRateLimit()
  @ApiOperation({
    summary: 'Embed one text or a batch (same use case and cache as the proxy\'s mode "embed")',
    description:
      'Vectors in input order. Texts embedded before with the same model and options are served from the cache (EMBED_CACHE_MAX, EMBED_CACHE_TTL_S; Redis when REDIS_URL is set) without calling the provider.',
  })
  @ApiBody({
    type: EmbeddingsRequestDto,
    examples: {
      one: { summary: 'One text', value: { input: '这是一个测试句子' } },
      batch: {
        summary: 'A batch, 512 dimensions',
        value: {
          input: ['first document', 'second document'],
          model: 'amazon.titan-embed-text-v2:0',
          dimensions: 512,
          normalize: true,
        },
      },
    },
  })
  @ApiOkResponse({ type: EmbeddingsResponseDto })
  @ApiErrors(400, 401, 413, 415, 429, 502, 503, 504)
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: EmbeddingsRequestDto,
    @Req() req: RequestWithContext,
    @Res() reply: HttpReply,
  ): Promise<void> {
    const texts = typeof body.input === 'string' ? [body.input] : body.input;
    const result = await this.embeddings.execute(
      {
        userId: user.id,
        texts,
        model: body.model,
        dimensions: body.dimensions,
        normalize: body.normalize,
      },
      closeSignal(reply),
    );
    noteForLog(req, {
      model: result.model,
      inputTokens: result.inputTokens,
      cachedTexts: result.cached,
    });
    reply.status(200).json(presentEmbeddings(result));
  }
}
