import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UsePipes,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrors, CurrentUser } from '@app/platform';
import type { AuthenticatedUser, HttpReply } from '@app/platform';
import { ConversationQueries } from '../../application/conversation-queries';
import { CreateConversationUseCase } from '../../application/create-conversation.use-case';
import { DeleteConversationUseCase } from '../../application/delete-conversation.use-case';
import { UpdateConversationUseCase } from '../../application/update-conversation.use-case';
import {
  CreateConversationDto,
  ExportQueryDto,
  ListConversationsQueryDto,
  ListMessagesQueryDto,
  UpdateConversationDto,
} from './dto/conversation.dto';
import {
  ConversationDto,
  ConversationExportDto,
  ConversationPageDto,
  ConversationWithMessagesDto,
  MessageDto,
} from './dto/conversation-view.dto';
import { ConversationReader } from './conversation-reader';
import { exportAsJson, exportAsMarkdown } from './export.presenter';
import { exportAsPdf } from './export-pdf.presenter';
import { decodeCursor, encodeCursor, presentConversation, presentMessage } from './presenters';
import { StorableParamsPipe } from './storable-params.pipe';
import { ApiInputErrors } from './api-input-errors';

@ApiTags('conversations')
@Controller('api/v1/conversations')
@UsePipes(StorableParamsPipe)
export class ConversationsController {
  constructor(
    private readonly createConversation: CreateConversationUseCase,
    private readonly updateConversation: UpdateConversationUseCase,
    private readonly deleteConversation: DeleteConversationUseCase,
    private readonly queries: ConversationQueries,
    private readonly reader: ConversationReader,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a conversation (optionally with your own id)' })
  @ApiBody({ type: CreateConversationDto })
  @ApiCreatedResponse({ type: ConversationDto })
  @ApiInputErrors('metadata.tags[1]', 'metadata', 'must be an object')
  @ApiErrors(400, 409, 413, 415, 429)
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateConversationDto,
  ): Promise<ConversationDto> {
    return presentConversation(
      await this.createConversation.execute({
        ownerId: user.id,
        ...body,
        id: body.id ?? undefined,
      }),
    );
  }

  @Get()
  @ApiOperation({
    summary: "List the caller's conversations, most recently updated first",
    description: 'Offset paging (limit, offset) or keyset paging (cursor = previous nextCursor).',
  })
  @ApiOkResponse({ type: ConversationPageDto })
  @ApiErrors(400, 429)
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListConversationsQueryDto,
  ): Promise<ConversationPageDto> {
    const page = await this.queries.list({
      ownerId: user.id,
      limit: query.limit,
      offset: query.offset,
      cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
      q: query.q,
    });
    return {
      items: page.items.map((item) => presentConversation(item)),
      total: page.total,
      limit: query.limit,
      offset: query.cursor ? 0 : query.offset,
      nextCursor: encodeCursor(page.next),
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A conversation with the messages of its active branch' })
  @ApiParam({ name: 'id', example: 'test-chat-123' })
  @ApiOkResponse({ type: ConversationWithMessagesDto })
  @ApiErrors(404, 429)
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<ConversationWithMessagesDto> {
    return this.reader.read(user.id, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, change the system prompt, model or metadata' })
  @ApiBody({ type: UpdateConversationDto })
  @ApiOkResponse({ type: ConversationDto })
  @ApiInputErrors('title', 'metadata', 'must be an object')
  @ApiErrors(400, 404, 409, 413, 415, 429)
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: UpdateConversationDto,
  ): Promise<ConversationDto> {
    return presentConversation(
      await this.updateConversation.execute({ ownerId: user.id, id, ...body }),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a conversation (soft: gone from lists, 404 afterwards)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404, 429)
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<void> {
    await this.deleteConversation.execute(user.id, id);
  }

  @Get(':id/export')
  @ApiOperation({
    summary: 'Download the active branch as JSON, Markdown or PDF',
    description:
      'PDF: title, dates, each message under its role and time, ``` fenced code in a monospace ' +
      'font, Chinese and Japanese text (Noto Sans SC embedded), "Page n of N" on every page.',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'markdown', 'pdf'] })
  @ApiExtraModels(ConversationExportDto)
  @ApiOkResponse({
    description: 'The conversation as an attachment (Content-Disposition: attachment)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ConversationExportDto) } },
      'text/markdown': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(400, 404, 429)
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() query: ExportQueryDto,
    @Res() reply: HttpReply,
  ): Promise<void> {
    if (query.format === 'pdf' || query.format === 'markdown') {
      const { conversation, messages } = await this.queries.getWithMessages(user.id, id);
      if (query.format === 'pdf') {
        reply
          .header('Content-Type', 'application/pdf')
          .header('Content-Disposition', `attachment; filename="conversation-${id}.pdf"`)
          .send(await exportAsPdf(conversation, messages));
        return;
      }
      reply
        .header('Content-Type', 'text/markdown; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="conversation-${id}.md"`)
        .send(exportAsMarkdown(conversation, messages));
      return;
    }
    reply
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="conversation-${id}.json"`)
      .send(exportAsJson(await this.reader.read(user.id, id)));
  }

  @Get(':id/messages')
  @ApiOperation({ summary: 'Messages of a conversation in order (active branch, or ?all=true)' })
  @ApiOkResponse({ type: [MessageDto] })
  @ApiErrors(400, 404, 429)
  async messages(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() query: ListMessagesQueryDto,
  ): Promise<MessageDto[]> {
    const { messages } = await this.queries.getWithMessages(user.id, id, query.all ?? false);
    return messages.map(presentMessage);
  }
}
