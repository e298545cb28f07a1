import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class ErrorBodyDto {
  @ApiProperty({ example: 'validation_failed' }) code!: string;
  @ApiProperty({ example: 'The request is not valid' }) message!: string;
  @ApiPropertyOptional({
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'object', additionalProperties: true },
    ],
    description:
      'Validation errors: one line per refused field. Others: an object (e.g. `{limit}` of a 413, `{allowed}` models of a 400)',
    example: ['limit must not be greater than 100'],
  })
  details?: string[] | Record<string, unknown>;
  @ApiProperty({ example: '0b9c7d0e-6c1f-4a53-9d57-3f0f8f3c2a10' }) requestId!: string;
}

export class ErrorEnvelopeDto {
  @ApiProperty({ type: ErrorBodyDto }) error!: ErrorBodyDto;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Validation failed (details list each field), malformed JSON, or a bad model id',
  401: 'Missing or invalid credentials',
  404: 'Not found, or owned by someone else',
  409: 'Conflict: the id exists, a concurrent change, or the turn is still streaming',
  413: 'Body or message too large',
  415: 'Unsupported media type',
  429: 'Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After',
  502: 'The model provider failed or rejected our credentials',
  503: 'The model provider or the database is unavailable',
  504: 'The model provider timed out',
};

/** Documents the error envelope for each listed status. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorEnvelopeDto }),
    ),
  );
}
