import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Res,
  UsePipes,
} from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, ChatRateLimit, CurrentUser, HttpProblem } from '@app/platform';
import type { AuthenticatedUser, HttpReply, RequestWithContext } from '@app/platform';
import { ChatHistoryQueries } from '../../application/chat-history.queries';
import { DeleteBranchUseCase } from '../../application/delete-branch.use-case';
import { EditQuestionUseCase } from '../../application/edit-question.use-case';
import { RegenerateAnswerUseCase } from '../../application/regenerate-answer.use-case';
import { SendMessageUseCase } from '../../application/send-message.use-case';
import { StopTurnUseCase } from '../../application/stop-turn.use-case';
import { SwitchBranchUseCase } from '../../application/switch-branch.use-case';
import { messageNotFound } from '../../domain';
import { ConversationWithMessagesDto, MessageDto } from './dto/conversation-view.dto';
import {
  CLIENT_MESSAGE_ID_PATTERN,
  EditQuestionDto,
  RegenerateDto,
  SendMessageDto,
  REATTACH_DESCRIPTION,
  SSE_DESCRIPTION,
} from './dto/message.dto';
import { ConversationReader } from './conversation-reader';
import { presentMessage } from './presenters';
import { lastEventIdOf } from './reattach-stream';
import { TurnResponder } from './turn-responder';
import { StorableParamsPipe } from './storable-params.pipe';
import { ApiInputErrors } from './api-input-errors';
import { ApiReattachResponses, ApiTurnResponses } from './api-turn-responses';

const ApiMessageId = () =>
  ApiParam({ name: 'messageId', schema: { type: 'string', format: 'uuid' } });

@ApiTags('messages')
@ApiParam({ name: 'id', example: 'test-chat-123' })
@Controller('api/v1/conversations/:id/messages')
@UsePipes(StorableParamsPipe)
export class MessagesController {
  constructor(
    private readonly sendMessage: SendMessageUseCase,
    private readonly regenerateAnswer: RegenerateAnswerUseCase,
    private readonly editQuestion: EditQuestionUseCase,
    private readonly deleteBranch: DeleteBranchUseCase,
    private readonly stopTurn: StopTurnUseCase,
    private readonly history: ChatHistoryQueries,
    private readonly responder: TurnResponder,
    private readonly switchBranch: SwitchBranchUseCase,
    private readonly reader: ConversationReader,
  ) {}

  @Post()
  @ChatRateLimit()
  @ApiOperation({
    summary: 'Send a message and get the answer, whole (JSON) or streamed (SSE)',
    description: SSE_DESCRIPTION,
  })
  @ApiBody({ type: SendMessageDto })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', pattern: CLIENT_MESSAGE_ID_PATTERN.source },
    description: 'Same as clientMessageId when the body has none',
  })
  @ApiQuery({
    name: 'stream',
    required: false,
    enum: ['true', 'false', '1', '0'],
    description: 'true: Server-Sent Events (same as Accept: text/event-stream)',
  })
  @ApiTurnResponses()
  @ApiInputErrors('content', 'content', 'must be a string')
  @ApiErrors(400, 404, 409, 413, 415, 429, 502, 503, 504)
  async send(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') conversationId: string,
    @Body() body: SendMessageDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: RequestWithContext,
    @Res() reply: HttpReply,
  ): Promise<void> {
    if (idempotencyKey !== undefined && !CLIENT_MESSAGE_ID_PATTERN.test(idempotencyKey)) {
      throw new HttpProblem(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key must match ^[A-Za-z0-9._:-]{1,128}$',
      );
    }
    const result = await this.sendMessage.execute({
      ownerId: user.id,
      conversationId,
      createIfMissing: false,
      content: body.content,
      clientMessageId: body.clientMessageId ?? idempotencyKey ?? null,
      model: body.model,
      parentId: body.parentId,
    });
    await this.responder.respond(result, req, reply);
  }

  @Post(':messageId/regenerate')
  @ApiMessageId()
  @ChatRateLimit()
  @ApiOperation({
    summary: 'Answer the same question again (JSON or SSE, as sending)',
    description:
      'The new answer is a sibling of the old one (same question, same turn) and becomes the active branch; the old one stays visible with ?all=true.',
  })
  @ApiBody({ type: RegenerateDto, required: false })
  @ApiTurnResponses()
  @ApiErrors(400, 404, 409, 413, 415, 429, 502, 503, 504)
  async regenerate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') conversationId: string,
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
    @Body() body: RegenerateDto,
    @Req() req: RequestWithContext,
    @Res() reply: HttpReply,
  ): Promise<void> {
    const result = await this.regenerateAnswer.execute({
      ownerId: user.id,
      conversationId,
      messageId,
      model: body?.model,
    });
    await this.responder.respond(result, req, reply);
  }

  @Patch(':messageId')
  @ApiMessageId()
  @ChatRateLimit()
  @ApiOperation({
    summary:
      'Edit a question: the new text becomes a sibling branch with its own answer (JSON or SSE)',
    description: 'The original question and its answers stay (GET .../messages?all=true).',
  })
  @ApiBody({ type: EditQuestionDto })
  @ApiTurnResponses()
  @ApiInputErrors('content', 'content', 'must be a string')
  @ApiErrors(400, 404, 409, 413, 415, 429, 502, 503, 504)
  async edit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') conversationId: string,
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
    @Body() body: EditQuestionDto,
    @Req() req: RequestWithContext,
    @Res() reply: HttpReply,
  ): Promise<void> {
    const result = await this.editQuestion.execute({
      ownerId: user.id,
      conversationId,
      messageId,
      content: body.content,
      model: body.model,
    });
    await this.responder.respond(result, req, reply);
  }

  @Delete(':messageId')
  @HttpCode(204)
  @ApiMessageId()
  @ApiOperation({ summary: 'Delete a message and everything after it in its branches' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') conversationId: string,
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
  ): Promise<void> {
    await this.deleteBranch.execute(user.id, conversationId, messageId);
  }

  @Post(':messageId/activate')
  @ApiMessageId()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Make the branch through this message the active one',
    description:
      'For navigating edits and regenerations (‹ 1 / 2 ›): the active branch then ends at the newest message under this one, and the next message continues from there. 409 `turn_in_progress` while an answer of the conversation streams.',
  })
  @ApiOkResponse({ type: ConversationWithMessagesDto })
  @ApiErrors(400, 404, 409, 429)
  async activate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') conversationId: string,
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
  ): Promise<ConversationWithMessagesDto> {
    await this.switchBranch.execute(user.id, conversationId, messageId);
    return this.reader.read(user.id, conversationId);
  }

  @Post(':messageId/stop')
  @ApiMessageId()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stop a streaming answer; it is stored as cancelled with the text produced so far',
    description:
      '503 `stop_unavailable` (with Retry-After) when the answer runs on another replica and the store that carries stops (Redis) is down: the stop was not delivered and the answer goes on.',
  })
  @ApiOkResponse({ type: MessageDto })
  @ApiErrors(400, 404, 409, 503)
  async stop(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') conversationId: string,
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
  ): Promise<MessageDto> {
    return presentMessage(await this.stopTurn.execute(user.id, conversationId, messageId));
  }

  @Get(':messageId/stream')
  @ApiMessageId()
  @ApiOperation({
    summary: 'Re-attach to an answer (SSE): the events after Last-Event-ID, then the live ones',
    description: REATTACH_DESCRIPTION,
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description:
      'The id of the last event you received; absent or empty: from the start (message.start)',
  })
  @ApiQuery({
    name: 'lastEventId',
    required: false,
    schema: { type: 'integer', minimum: -1 },
    description: 'Same as Last-Event-ID',
  })
  @ApiReattachResponses()
  @ApiErrors(400, 404, 409)
  async reattach(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') conversationId: string,
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
    @Req() req: RequestWithContext,
    @Res() reply: HttpReply,
  ): Promise<void> {
    const found = await this.history.findAssistantMessage(user.id, conversationId, messageId);
    if (!found) throw messageNotFound(messageId);
    await this.responder.attach(found.run, found.message, req, reply, lastEventIdOf(req));
  }
}
