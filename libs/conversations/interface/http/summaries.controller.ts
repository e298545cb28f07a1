import { Controller, Param, Post, Res, UsePipes } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, ChatRateLimit, CurrentUser } from '@app/platform';
import type { AuthenticatedUser, HttpReply } from '@app/platform';
import { ConversationSummaries } from '../../application/conversation-summaries';
import { ConversationSummaryDto } from './dto/summary.dto';
import { presentSummary } from './presenters';
import { StorableParamsPipe } from './storable-params.pipe';

@ApiTags('conversations')
@ApiHeader({
  name: 'X-User-Id',
  required: false,
  description: 'Caller id when AUTH_MODE=none (default: anonymous)',
})
@Controller('api/v1/conversations')
@UsePipes(StorableParamsPipe)
export class SummariesController {
  constructor(private readonly summaries: ConversationSummaries) {}

  @Post(':id/summarize')
  @ChatRateLimit()
  @ApiOperation({
    summary: 'Summarize the active branch now (the model writes it)',
    description:
      'Folds every finished message of the active branch into one summary (extending the one before), which the next turns get instead of those messages. Summaries are also made on their own after an answer once the conversation outgrows CONTEXT_MAX_TOKENS. 200 when the existing summary already covers the whole branch; 502/503/504 when the model fails (nothing is stored).',
  })
  @ApiParam({ name: 'id', example: 'test-chat-123' })
  @ApiCreatedResponse({ type: ConversationSummaryDto, description: 'A new summary' })
  @ApiOkResponse({
    type: ConversationSummaryDto,
    description: 'Nothing new to summarize: the summary that covers the whole branch',
  })
  @ApiErrors(404, 409, 429, 502, 503, 504)
  async summarize(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: HttpReply,
  ): Promise<ConversationSummaryDto> {
    const { summary, created } = await this.summaries.summarizeNow(user.id, id);
    reply.status(created ? 201 : 200);
    return presentSummary(summary);
  }
}
