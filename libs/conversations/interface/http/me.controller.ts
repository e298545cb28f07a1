import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  ApiErrors,
  CurrentUser,
  PLATFORM_SETTINGS,
  UserActivity,
  UserDirectory,
  UserDto,
  UserLimitsDto,
  presentUser,
  utcMonthStart,
} from '@app/platform';
import type { AuthenticatedUser, PlatformSettings } from '@app/platform';
import { ChatSettings } from '../../application/chat-settings';
import { UsageQueries } from '../../application/usage.queries';
import { UsageTotalsDto } from './usage.controller';

class MonthUsageDto extends UsageTotalsDto {
  @ApiProperty({ example: '2026-12', description: 'The UTC month the budgets count' })
  month!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T00:00:00.000Z' }) from!: string;
}

class MeDto extends UserDto {
  @ApiProperty({
    type: UserLimitsDto,
    description: 'The limits in force for the caller: their own, else the defaults; null: none',
  })
  effectiveLimits!: UserLimitsDto;
  @ApiProperty({ type: MonthUsageDto }) usage!: MonthUsageDto;
}

@ApiTags('users')
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly activity: UserActivity,
    private readonly directory: UserDirectory,
    private readonly usage: UsageQueries,
    private readonly chat: ChatSettings,
    @Inject(PLATFORM_SETTINGS) private readonly platform: PlatformSettings,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's profile, limits and this UTC month's usage" })
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(401, 429)
  async me(@CurrentUser() user: AuthenticatedUser): Promise<MeDto> {
    await this.activity.ensure(user);
    const now = new Date();
    const from = utcMonthStart(now);
    const [profile, spent] = await Promise.all([
      this.directory.find(user.id),
      this.usage.since(user.id, from),
    ]);
    const stored = profile ?? {
      id: user.id,
      displayName: user.displayName ?? null,
      email: user.email ?? null,
      role: this.directory.roleOf(user),
      firstSeenAt: now,
      lastSeenAt: now,
      limits: { dailyTokenLimit: null, monthlyCostLimitUsd: null },
    };
    return {
      ...presentUser(stored),
      effectiveLimits: {
        // A own daily limit needs a token budget store, which USER_DAILY_TOKEN_LIMIT turns on.
        dailyTokenLimit: this.platform.dailyTokenLimit
          ? (stored.limits.dailyTokenLimit ?? this.platform.dailyTokenLimit)
          : null,
        monthlyCostLimitUsd: stored.limits.monthlyCostLimitUsd ?? this.chat.monthlyCostLimitUsd,
      },
      usage: { month: from.toISOString().slice(0, 7), from: from.toISOString(), ...spent },
    };
  }
}
