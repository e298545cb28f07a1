import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '../../auth/admin-only.decorator';
import { ApiErrors } from '../../http/api-errors.decorator';
import { HttpProblem } from '../../http/error-envelope';
import {
  CreateApiKeyUseCase,
  ListApiKeysUseCase,
  RevokeApiKeyUseCase,
} from '../application/api-key.use-cases';
import { AuthenticateApiKeyUseCase } from '../application/authenticate-api-key.use-case';
import type { ApiKey } from '../domain/api-key';
import { ApiKeyDto, ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function presentApiKey(key: ApiKey): ApiKeyDto {
  const k = key.toJSON();
  return {
    id: k.id,
    prefix: k.prefix,
    name: k.name,
    ownerId: k.ownerId,
    requestsPerMinute: k.requestsPerMinute,
    dailyTokenLimit: k.dailyTokenLimit,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

@ApiTags('admin')
@AdminOnly()
@Controller('api/v1/admin/api-keys')
export class ApiKeysController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase,
    private readonly listKeys: ListApiKeysUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
    private readonly authenticateKey: AuthenticateApiKeyUseCase,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key for a user (admin); the key is in this answer only',
  })
  @ApiBody({ type: CreateApiKeyDto })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiErrors(400, 401, 413, 415, 429)
  async create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { key, secret } = await this.createKey.execute(body);
    return { ...presentApiKey(key), key: secret };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys, newest first (admin); never their values' })
  @ApiOkResponse({ type: ApiKeyListDto })
  @ApiErrors(401, 429)
  async list(): Promise<ApiKeyListDto> {
    return { items: (await this.listKeys.execute()).map(presentApiKey) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke an API key (admin): refused on every replica within a second',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked (also when it already was)' })
  @ApiErrors(401, 404, 429)
  async revoke(@Param('id') id: string): Promise<void> {
    const key = UUID.test(id) ? await this.revokeKey.execute(id) : undefined;
    if (!key) throw new HttpProblem(404, 'api_key_not_found', 'No API key has this id');
    this.authenticateKey.forget(key.id);
  }
}
