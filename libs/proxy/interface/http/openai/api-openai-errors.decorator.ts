import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { OpenAiErrorDto } from './openai-responses.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'invalid_request_error: the request is not valid (param names the field), malformed or too deeply nested JSON',
  401: 'authentication_error: missing or invalid credentials',
  404: 'invalid_request_error, code model_not_found: the model is not served here',
  413: 'invalid_request_error: the body is larger than BODY_LIMIT',
  415: 'invalid_request_error: the body is not JSON',
  429: 'rate_limit_error: rate limit, token budget or provider throttling; see Retry-After',
  502: 'server_error: the model provider failed or refused our credentials',
  503: 'server_error: the model provider is unavailable',
  504: 'server_error: the model provider timed out',
};

/** Documents OpenAI's error body for each listed status. */
export function ApiOpenAiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: OpenAiErrorDto }),
    ),
  );
}
