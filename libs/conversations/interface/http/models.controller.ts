import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChatSettings } from '../../application/chat-settings';
import { ModelPolicy } from '../../application/ports/model-policy';
import { ModelsDto } from './dto/message.dto';

@ApiTags('models')
@Controller('api/v1/models')
export class ModelsController {
  constructor(
    private readonly models: ModelPolicy,
    private readonly settings: ChatSettings,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Models a conversation or a message may use (LLM_MODELS)' })
  @ApiOkResponse({ type: ModelsDto })
  list(): ModelsDto {
    return {
      provider: this.settings.providerName,
      default: this.models.defaultModel,
      models: [...this.models.allowedModels],
    };
  }
}
