import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../http/request-context';
import { UserRecord, UserRole } from './user.record';

export interface UserProfile {
  id: string;
  displayName: string | null;
  email: string | null;
  role: UserRole;
  firstSeenAt: Date;
  lastSeenAt: Date;
  limits: { dailyTokenLimit: number | null; monthlyCostLimitUsd: number | null };
}

/** A request by a user, at the time it was made. */
export interface UserSighting {
  user: AuthenticatedUser;
  seenAt: Date;
}

export interface UserPage {
  items: UserProfile[];
  total: number;
}

/** Per-user limit overrides; null fields fall back to the deployment's defaults. */
export interface UserLimitOverrides {
  dailyTokenLimit: number | null;
  monthlyCostLimitUsd: number | null;
}

/**
 * The `users` table: one row per caller, written from their credentials (id, name and email
 * claims) by UserActivity, read by /me, the admin list and the budgets (limit overrides).
 */
@Injectable()
export class UserDirectory {
  constructor(private readonly orm: MikroORM) {}

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /** The role the caller's credentials give them now (the auth guard's `isAdmin`). */
  roleOf(user: AuthenticatedUser): UserRole {
    return user.isAdmin ? 'admin' : 'user';
  }

  /**
   * Inserts each user, or refreshes last seen, role and the claims the credentials carry now
   * (absent claims keep what was stored). First seen and limit overrides are never touched.
   * One statement per set of claims present (at most four).
   */
  async upsertMany(sightings: readonly UserSighting[]): Promise<void> {
    const groups = new Map<string, { merged: (keyof UserRecord)[]; rows: UserRecord[] }>();
    for (const { user, seenAt } of sightings) {
      const merged: (keyof UserRecord)[] = ['lastSeenAt', 'role'];
      if (user.displayName) merged.push('displayName');
      if (user.email) merged.push('email');
      const key = merged.join();
      const group = groups.get(key) ?? { merged, rows: [] };
      group.rows.push({
        id: user.id,
        displayName: user.displayName ?? null,
        email: user.email ?? null,
        role: this.roleOf(user),
        firstSeenAt: seenAt,
        lastSeenAt: seenAt,
        dailyTokenLimit: null,
        monthlyCostLimitUsd: null,
      });
      groups.set(key, group);
    }
    // The QueryBuilder's insert: no entities are made of the rows (em.upsertMany cost three times
    // the CPU, about 20 ms for 200 users, all of it blocking the requests in between).
    const em = this.em();
    for (const { merged, rows } of groups.values()) {
      await em.createQueryBuilder(UserRecord).insert(rows).onConflict('id').merge(merged).execute();
    }
  }

  async find(userId: string): Promise<UserProfile | null> {
    const record = await this.em().findOne(UserRecord, { id: userId });
    return record ? toProfile(record) : null;
  }

  async list(limit: number, offset: number): Promise<UserPage> {
    const [records, total] = await this.em().findAndCount(
      UserRecord,
      {},
      { orderBy: { lastSeenAt: 'desc', id: 'asc' }, limit, offset },
    );
    return { items: records.map(toProfile), total };
  }

  async overridesOf(userId: string): Promise<UserLimitOverrides> {
    const record = await this.em().findOne(
      UserRecord,
      { id: userId },
      { fields: ['dailyTokenLimit', 'monthlyCostLimitUsd'] },
    );
    return {
      dailyTokenLimit: record?.dailyTokenLimit ?? null,
      monthlyCostLimitUsd: numberOrNull(record?.monthlyCostLimitUsd),
    };
  }
}

const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

function toProfile(record: UserRecord): UserProfile {
  return {
    id: record.id,
    displayName: record.displayName ?? null,
    email: record.email ?? null,
    role: record.role,
    firstSeenAt: record.firstSeenAt,
    lastSeenAt: record.lastSeenAt,
    limits: {
      dailyTokenLimit: record.dailyTokenLimit ?? null,
      monthlyCostLimitUsd: numberOrNull(record.monthlyCostLimitUsd),
    },
  };
}
