import { Body, Controller, Delete, Get, HttpCode, Param, Post, UsePipes } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { normalizeIp } from '@nestjs/throttler';
import { ApiErrors, CurrentUser, Public, READ_LIMIT } from '@app/platform';
import type { AuthenticatedUser, RequestWithContext } from '@app/platform';
import {
  ReadShareQuery,
  ShareConversationUseCases,
} from '../../application/share-conversation.use-cases';
import { CreateShareDto, ShareDto, SharedConversationDto } from './dto/share.dto';
import { presentShare, presentSharedConversation } from './share.presenter';
import { StorableParamsPipe } from './storable-params.pipe';

const TOKEN_PARAM = {
  name: 'token',
  example: 'q3Jx9V1c0pZ2mVb7kLr8YtWn4sQe5uHa6dGf1iJk2lM',
  description: 'The share token (43 base64url characters)',
};

@ApiTags('shares')
@Controller('api/v1/conversations/:id/shares')
@UsePipes(StorableParamsPipe)
export class ConversationSharesController {
  constructor(private readonly shares: ShareConversationUseCases) {}

  @Post()
  @ApiOperation({
    summary: 'Share a read-only snapshot of the active branch',
    description:
      'Anyone with the returned token can read the title and messages (role, content, time) as ' +
      'they are now, without signing in, until the share expires or is revoked.',
  })
  @ApiParam({ name: 'id', example: 'test-chat-123' })
  @ApiBody({ type: CreateShareDto, required: false })
  @ApiCreatedResponse({ type: ShareDto })
  @ApiErrors(400, 404, 413, 415, 429)
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: CreateShareDto,
  ): Promise<ShareDto> {
    const share = await this.shares.create({
      ownerId: user.id,
      conversationId: id,
      expiresInDays: body?.expiresInDays ?? null,
    });
    return presentShare(share);
  }

  @Get()
  @ApiOperation({ summary: "The conversation's shares, newest first (expired ones included)" })
  @ApiParam({ name: 'id', example: 'test-chat-123' })
  @ApiOkResponse({ type: [ShareDto] })
  @ApiErrors(404, 429)
  async list(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<ShareDto[]> {
    return (await this.shares.list(user.id, id)).map(presentShare);
  }

  @Delete(':token')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a share: its link answers 404 from now on' })
  @ApiParam({ name: 'id', example: 'test-chat-123' })
  @ApiParam(TOKEN_PARAM)
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(404, 429)
  async revoke(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('token') token: string,
  ): Promise<void> {
    await this.shares.revoke(user.id, id, token);
  }
}

/** Public reads are limited per client IP, whoever the caller claims to be. */
const byClientIp = (req: Record<string, unknown>): Promise<string> => {
  const r = req as unknown as RequestWithContext;
  return Promise.resolve(`ip:${normalizeIp(r.ip || (r.socket.remoteAddress ?? 'unknown'))}`);
};

@ApiTags('shares')
@Controller('api/v1/shares')
@UsePipes(StorableParamsPipe)
export class PublicSharesController {
  constructor(private readonly readShare: ReadShareQuery) {}

  @Get(':token')
  @Public()
  @Throttle({ [READ_LIMIT]: { getTracker: byClientIp } })
  @ApiOperation({
    summary: 'Read a shared conversation (no authentication)',
    description: 'Rate-limited per client IP (RATE_LIMIT_READ). Unknown, revoked or expired: 404.',
  })
  @ApiParam(TOKEN_PARAM)
  @ApiOkResponse({ type: SharedConversationDto })
  @ApiErrors(404, 429)
  async read(@Param('token') token: string): Promise<SharedConversationDto> {
    return presentSharedConversation(await this.readShare.execute(token));
  }
}
