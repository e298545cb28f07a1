import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { USER_ID_PATTERN } from '../../auth/header-user';

/** The largest per-key limits a column holds (PostgreSQL integer). */
const MAX_REQUESTS_PER_MINUTE = 1_000_000;
const MAX_DAILY_TOKENS = 2_000_000_000;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isControl = (char: string) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f;

/** Printable text PostgreSQL can store: no control characters (NUL), no lone UTF-16 surrogates. */
function IsPrintableText(): PropertyDecorator {
  return ValidateBy({
    name: 'isPrintableText',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && !LONE_SURROGATE.test(value) && ![...value].some(isControl),
      defaultMessage: () =>
        '$property must not contain control characters or unpaired UTF-16 surrogates',
    },
  });
}
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateApiKeyDto {
  @ApiProperty({
    description: 'The user the key authenticates as',
    pattern: USER_ID_PATTERN.source,
    example: 'alice',
  })
  @IsString()
  @Matches(USER_ID_PATTERN, { message: 'ownerId must match ^[A-Za-z0-9._:@|+-]{1,128}$' })
  ownerId!: string;

  @ApiProperty({ description: 'What the key is for', maxLength: 100, example: 'CI pipeline' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPrintableText()
  name!: string;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_REQUESTS_PER_MINUTE,
    description:
      "The key's own request limit per minute over all routes; absent or null: its owner's limits",
    example: 60,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REQUESTS_PER_MINUTE)
  requestsPerMinute?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_DAILY_TOKENS,
    description:
      "The key's own daily token budget (UTC days) on the routes that call the model; absent or null: none beyond its owner's",
    example: 100000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DAILY_TOKENS)
  dailyTokenLimit?: number | null;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c4e-7b3a-9f00-5b2d3c4e5f60' }) id!: string;
  @ApiProperty({
    description: 'First characters of the key, to recognise it',
    example: 'sk-cb-Xk3p9Q',
  })
  prefix!: string;
  @ApiProperty({ example: 'CI pipeline' }) name!: string;
  @ApiProperty({ example: 'alice' }) ownerId!: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 60 }) requestsPerMinute!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 100000 }) dailyTokenLimit!:
    number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    description: 'The key: shown this once, stored only as a hash',
    example: 'sk-cb-Xk3p9Q0vZ7mW2yR5tB8nL4aC6dF1gH3jK5lP7qS9uV0',
  })
  key!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
}
