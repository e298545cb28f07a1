import { EntitySchema } from '@mikro-orm/core';

export type UserRole = 'admin' | 'user';

/** A row of `users`: who called the API, as their credentials said, and their own limits. */
export class UserRecord {
  id!: string;
  displayName!: string | null;
  email!: string | null;
  role!: UserRole;
  firstSeenAt!: Date;
  lastSeenAt!: Date;
  /** Overrides USER_DAILY_TOKEN_LIMIT for this user; null: the default. */
  dailyTokenLimit!: number | null;
  /** Overrides USER_MONTHLY_COST_LIMIT_USD for this user; null: the default. */
  monthlyCostLimitUsd!: number | null;
}

export const UserSchema = new EntitySchema<UserRecord>({
  class: UserRecord,
  tableName: 'users',
  properties: {
    id: { type: 'string', primary: true },
    displayName: { type: 'string', nullable: true, fieldName: 'display_name' },
    email: { type: 'string', nullable: true },
    role: { type: 'string' },
    firstSeenAt: { type: 'datetime', fieldName: 'first_seen_at' },
    lastSeenAt: { type: 'datetime', fieldName: 'last_seen_at' },
    dailyTokenLimit: { type: 'integer', nullable: true, fieldName: 'daily_token_limit' },
    monthlyCostLimitUsd: {
      type: 'decimal',
      precision: 14,
      scale: 4,
      runtimeType: 'number',
      nullable: true,
      fieldName: 'monthly_cost_limit_usd',
    },
  },
});
