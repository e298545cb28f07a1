import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ChatRateLimit, CurrentUser } from '@app/platform';
import type { AuthenticatedUser, HttpReply, RequestWithContext } from '@app/platform';
import { ChatHistoryQueries } from '../../application/chat-history.queries';
import { ChatSettings } from '../../application/chat-settings';
import { SendMessageUseCase } from '../../application/send-message.use-case';
import {
  SeedChatRequestDto,
  SeedChatResponseDto,
  SeedHistoryDto,
  SeedHistoryQueryDto,
} from './dto/chat.dto';
import { answeredByBedrock, presentSeedTurn } from './seed.presenter';
import { TurnResponder } from './turn-responder';
import { ApiInputErrors } from './api-input-errors';

/** The seed chat backend's API, with its field names and behaviour. */
@ApiTags('chats (seed-compatible)')
@Controller('api/v1')
export class ChatsController {
  constructor(
    private readonly sendMessage: SendMessageUseCase,
    private readonly history: ChatHistoryQueries,
    private readonly responder: TurnResponder,
    private readonly settings: ChatSettings,
  ) {}

  @Post('chats')
  @ChatRateLimit()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a chat message (seed API)',
    description:
      'A new chat when chat_id is absent or unknown (it is created with that id). Resending a message_uid returns the stored answer without calling the model again.',
  })
  @ApiBody({
    type: SeedChatRequestDto,
    examples: {
      seed: { value: { message: 'What are SQL injection attacks?', chat_id: 'test-chat-123' } },
    },
  })
  @ApiOkResponse({ type: SeedChatResponseDto })
  @ApiInputErrors('message', 'message', 'must be a string')
  @ApiErrors(400, 404, 409, 413, 415, 429, 502, 503, 504)
  async chat(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: SeedChatRequestDto,
    @Req() req: RequestWithContext,
    @Res({ passthrough: true }) reply: HttpReply,
  ): Promise<SeedChatResponseDto> {
    const result = await this.sendMessage.execute({
      ownerId: user.id,
      conversationId: body.chat_id ?? undefined,
      createIfMissing: true,
      content: body.message,
      clientMessageId: body.message_uid ?? null,
    });
    const answer = await this.responder.awaitAnswer(result, req, reply);
    const user_ = result.turn.userMessage.toJSON();
    const a = answer.toJSON();
    return {
      response: a.content,
      chat_id: user_.conversationId,
      message_uid: user_.clientMessageId ?? user_.id,
      response_session_id: user_.turnId,
      metadata: {
        question: user_.content,
        bedrock_processed: answeredByBedrock(a.status, this.settings.providerName),
        timestamp: a.updatedAt.toISOString(),
        provider: this.settings.providerName,
        model: a.model,
      },
      status: 'success',
    };
  }

  @Get('history')
  @ApiOperation({ summary: "The caller's recent turns, newest first (seed API)" })
  @ApiOkResponse({ type: SeedHistoryDto })
  @ApiErrors(400, 429)
  async recent(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SeedHistoryQueryDto,
  ): Promise<SeedHistoryDto> {
    return this.page(user.id, query);
  }

  @Get('my-history')
  @ApiOperation({
    summary: "A chat's turns (chat_id), or one turn by its message_uid (message_id) (seed API)",
  })
  @ApiOkResponse({ type: SeedHistoryDto })
  @ApiErrors(400, 429)
  async mine(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SeedHistoryQueryDto,
  ): Promise<SeedHistoryDto> {
    return this.page(user.id, query);
  }

  private async page(ownerId: string, query: SeedHistoryQueryDto): Promise<SeedHistoryDto> {
    const page = await this.history.listTurns({
      ownerId,
      conversationId: query.chat_id,
      messageRef: query.message_id,
      limit: query.limit,
      offset: query.offset,
    });
    return {
      items: page.items.map((turn) => presentSeedTurn(turn, ownerId, this.settings.providerName)),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
