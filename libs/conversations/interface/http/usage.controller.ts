import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { ApiErrors, CurrentUser, HttpProblem } from '@app/platform';
import type { AuthenticatedUser } from '@app/platform';
import { UsageQueries, UsageReport } from '../../application/usage.queries';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;

export class UsageQueryDto {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'Start (inclusive), ISO date or time; default 30 days before `to`',
  })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'End (exclusive); default now' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

class UsageRowDto {
  @ApiProperty({ example: '2026-11-25' }) day!: string;
  @ApiProperty({ example: 'anthropic.claude-3-haiku-20240307-v1:0' }) model!: string;
  @ApiProperty({ type: 'integer', example: 12 }) answers!: number;
  @ApiProperty({ type: 'integer', example: 3400 }) inputTokens!: number;
  @ApiProperty({ type: 'integer', example: 5100 }) outputTokens!: number;
  @ApiProperty({
    example: 0.007225,
    description:
      "USD: each answer's cost at its model's price when it finished (MODEL_PRICES_FILE); unpriced models count 0",
  })
  costUsd!: number;
}

export class UsageTotalsDto {
  @ApiProperty({ type: 'integer', example: 12 }) answers!: number;
  @ApiProperty({ type: 'integer', example: 3400 }) inputTokens!: number;
  @ApiProperty({ type: 'integer', example: 5100 }) outputTokens!: number;
  @ApiProperty({ example: 0.007225 }) costUsd!: number;
}

class UsageReportDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: UsageTotalsDto }) totals!: UsageTotalsDto;
  @ApiProperty({ type: [UsageRowDto] }) byDay!: UsageRowDto[];
}

@ApiTags('usage')
@Controller('api/v1/usage')
export class UsageController {
  constructor(private readonly usage: UsageQueries) {}

  @Get()
  @ApiOperation({ summary: "The caller's answers, tokens and cost (USD) per UTC day and model" })
  @ApiOkResponse({ type: UsageReportDto })
  @ApiErrors(400, 429)
  report(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: UsageQueryDto,
  ): Promise<UsageReport> {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new HttpProblem(400, 'invalid_range', '`from` must be before `to`');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new HttpProblem(
        400,
        'invalid_range',
        `A usage report covers at most ${MAX_RANGE_DAYS} days`,
      );
    }
    return this.usage.report(user.id, from, to);
  }
}
