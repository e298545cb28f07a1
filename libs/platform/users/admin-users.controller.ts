import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AdminOnly } from '../auth/admin-only.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { UserActivity } from './user-activity';
import { UserDirectory, UserProfile } from './user-directory';

export class UserLimitsDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: null,
    description: "This user's tokens per UTC day; null: USER_DAILY_TOKEN_LIMIT",
  })
  dailyTokenLimit!: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 25,
    description: "This user's USD per UTC month; null: USER_MONTHLY_COST_LIMIT_USD",
  })
  monthlyCostLimitUsd!: number | null;
}

export class UserDto {
  @ApiProperty({ example: 'alice' }) id!: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'Alice Liddell' })
  displayName!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'alice@example.com' })
  email!: string | null;
  @ApiProperty({ enum: ['admin', 'user'] }) role!: 'admin' | 'user';
  @ApiProperty({ format: 'date-time' }) firstSeenAt!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'Written at most once a minute: up to a minute behind',
  })
  lastSeenAt!: string;
  @ApiProperty({ type: UserLimitsDto, description: 'Overrides of the default limits' })
  limits!: UserLimitsDto;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}

export class ListUsersQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}

export function presentUser(user: UserProfile): UserDto {
  return {
    ...user,
    firstSeenAt: user.firstSeenAt.toISOString(),
    lastSeenAt: user.lastSeenAt.toISOString(),
  };
}

@ApiTags('admin')
@Controller('api/v1/admin/users')
@AdminOnly()
export class AdminUsersController {
  constructor(
    private readonly directory: UserDirectory,
    private readonly activity: UserActivity,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every user the API has seen, most recently active first (admins)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400, 401, 429)
  async list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    // Users this process saw in the last second are listed too.
    await this.activity.flush();
    const page = await this.directory.list(query.limit, query.offset);
    return {
      items: page.items.map(presentUser),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
