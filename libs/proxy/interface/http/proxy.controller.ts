import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrors, ChatRateLimit, closeSignal, CurrentUser, Metrics } from '@app/platform';
import type { AuthenticatedUser, HttpReply, RequestWithContext } from '@app/platform';
import { EmbedTextsUseCase } from '../../application/embed-texts.use-case';
import { ProxyChatStream, ProxyChatUseCase } from '../../application/proxy-chat.use-case';
import { InvalidRequestError } from '../../application/proxy-errors';
import {
  ProxyChatRequestDto,
  ProxyChatResponseDto,
  ProxyEmbedResponseDto,
  SEED_CHAT_PAYLOAD,
} from './dto/proxy-chat.dto';
import { NdjsonWriter } from './ndjson-writer';
import {
  noteForLog,
  presentChat,
  presentSeedEmbedding,
  presentUsage,
  streamError,
} from './proxy.presenter';

const NDJSON_EXAMPLE =
  '{"text":"机器学习","is_final":false}\n{"text":"是……","is_final":false}\n' +
  '{"text":"","is_final":true,"usage":{"input_tokens":18,"output_tokens":212},"stop_reason":"end_turn","model":"anthropic.claude-3-haiku-20240307-v1:0"}\n';

/** The stateless model proxy of the second seed: chat (JSON or NDJSON) and embeddings. */
@ApiTags('proxy (seed-compatible)')
@ApiExtraModels(ProxyChatResponseDto, ProxyEmbedResponseDto)
@Controller()
export class ProxyController {
  constructor(
    private readonly chats: ProxyChatUseCase,
    private readonly embeddings: EmbedTextsUseCase,
    private readonly metrics: Metrics,
  ) {}

  @Post(['chat', 'api/v1/proxy/chat'])
  @HttpCode(200)
  @ChatRateLimit()
  @ApiOperation({
    summary: 'Stateless model call: chat (Anthropic Messages payload) or embed (seed proxy API)',
    description:
      'mode "chat": `payload` is an Anthropic Messages body; with the Bedrock provider it goes to InvokeModel as-is (after validation and the guardrail), with others it is translated. Answers `{answer, usage, model, stop_reason}`, or with `stream: true` NDJSON lines `{"text","is_final":false}` closed by one `{"text":"","is_final":true,"usage","stop_reason"}` line (or `{"is_final":true,"error":{code,message}}` when the model fails mid-answer). mode "embed": `text` (string or array) -> `{embedding|embeddings, dimensions, model}`. Nothing is stored.',
  })
  @ApiBody({
    type: ProxyChatRequestDto,
    examples: {
      chat: {
        summary: 'Chat (seed 6.1)',
        value: {
          mode: 'chat',
          model: 'anthropic.claude-3-haiku-20240307-v1:0',
          payload: SEED_CHAT_PAYLOAD,
        },
      },
      stream: {
        summary: 'Streamed chat (seed 6.2)',
        value: {
          mode: 'chat',
          stream: true,
          model: 'anthropic.claude-3-haiku-20240307-v1:0',
          payload: {
            anthropic_version: 'bedrock-2023-05-31',
            messages: [{ role: 'user', content: '写一段关于机器学习的介绍' }],
            max_tokens: 512,
          },
        },
      },
      embed: {
        summary: 'Embedding (seed 6.3)',
        value: { mode: 'embed', model: 'amazon.titan-embed-text-v2:0', text: '这是一个测试句子' },
      },
    },
  })
  @ApiOkResponse({
    description: 'The answer (JSON), the NDJSON stream, or the embedding',
    content: {
      'application/json': {
        schema: {
          oneOf: [
            { $ref: getSchemaPath(ProxyChatResponseDto) },
            { $ref: getSchemaPath(ProxyEmbedResponseDto) },
          ],
        },
      },
      'application/x-ndjson': { schema: { type: 'string' }, example: NDJSON_EXAMPLE },
    },
  })
  @ApiErrors(400, 401, 413, 415, 429, 502, 503, 504)
  async chat(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ProxyChatRequestDto,
    @Req() req: RequestWithContext,
    @Res() reply: HttpReply,
  ): Promise<void> {
    const signal = closeSignal(reply);
    if (body.mode === 'embed') {
      if (body.text === undefined) {
        throw new InvalidRequestError('Nothing to embed', [
          'text is required when mode is "embed"',
        ]);
      }
      const single = typeof body.text === 'string';
      noteForLog(req, { proxyMode: 'embed', model: body.model });
      const result = await this.embeddings.execute(
        {
          userId: user.id,
          texts: single ? [body.text as string] : (body.text as string[]),
          model: body.model,
          dimensions: body.dimensions,
          normalize: body.normalize,
        },
        signal,
      );
      noteForLog(req, {
        model: result.model,
        inputTokens: result.inputTokens,
        cachedTexts: result.cached,
      });
      reply.status(200).json(presentSeedEmbedding(result, single));
      return;
    }
    if (body.payload === undefined) {
      throw new InvalidRequestError('Nothing to answer', [
        'payload is required when mode is "chat"',
      ]);
    }
    const request = this.chats.prepare(body.model, body.payload);
    noteForLog(req, { proxyMode: 'chat', model: request.model, stream: body.stream === true });
    if (body.stream !== true) {
      const result = await this.chats.complete(user.id, request, signal);
      noteForLog(req, {
        model: result.model,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        stopReason: result.stopReason,
      });
      reply.status(200).json(presentChat(result));
      return;
    }
    // The budget refuses as a plain HTTP error (429 + Retry-After); past it, the headers go out
    // at once and a model failure, even before the first chunk, is the stream's last line.
    await this.chats.admit(user.id, request);
    const writer = new NdjsonWriter(reply);
    this.metrics.streamOpened();
    try {
      const stream = await this.chats.start(user.id, request, signal).catch((error: Error) => {
        const failure = streamError(error);
        noteForLog(req, { errorCode: failure.code });
        return writer.write({ is_final: true, error: failure });
      });
      if (stream) await this.writeStream(stream, req, writer);
    } finally {
      this.metrics.streamClosed();
      writer.end();
    }
  }

  private async writeStream(
    stream: ProxyChatStream,
    req: RequestWithContext,
    writer: NdjsonWriter,
  ): Promise<void> {
    noteForLog(req, { model: stream.model });
    for await (const event of stream.events) {
      // The client is gone: leaving the loop closes the upstream call.
      if (!writer.open) break;
      if (event.type === 'text') {
        await writer.write({ text: event.text, is_final: false });
      } else if (event.type === 'end') {
        const usage = presentUsage(event.usage);
        noteForLog(req, {
          inputTokens: event.usage.inputTokens,
          outputTokens: event.usage.outputTokens,
          stopReason: event.stopReason,
        });
        await writer.write({
          text: '',
          is_final: true,
          usage,
          stop_reason: event.stopReason,
          model: stream.model,
        });
      } else if (event.type === 'error') {
        const error = streamError(event.error);
        noteForLog(req, { errorCode: error.code });
        await writer.write({ is_final: true, error });
      }
    }
  }
}
