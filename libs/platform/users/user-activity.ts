import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AuthenticatedUser } from '../http/request-context';
import { ROOT_LOGGER } from '../logging/root-logger.token';
import { UserDirectory } from './user-directory';

/** How long a user's row is left alone after it was written. */
export const USER_UPSERT_INTERVAL_MS = 60_000;

/** DI token of the clock UserActivity reads (tests move it). */
export const USER_ACTIVITY_CLOCK = Symbol('USER_ACTIVITY_CLOCK');

/**
 * Keeps `users` current without a write per request: a user's row is upserted at most once a
 * minute per process (an in-process cache of the last write), after the response is under way.
 */
@Injectable()
export class UserActivity {
  private readonly lastWrite = new LRUCache<string, number>({ max: 100_000 });
  constructor(
    private readonly directory: UserDirectory,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(USER_ACTIVITY_CLOCK) private readonly now: () => Date,
  ) {}

  /** Notes a request by `user`; writes at most once a minute, never delays the caller. */
  seen(user: AuthenticatedUser): void {
    const now = this.now();
    if (!this.isDue(user.id, now)) return;
    this.lastWrite.set(user.id, now.getTime());
    this.directory.upsert(user, now).catch((error: unknown) => {
      // Try again on the next request rather than in a minute.
      this.lastWrite.delete(user.id);
      this.logger.warn({ err: String(error), userId: user.id }, 'user activity not recorded');
    });
  }

  /** Writes the row now if it is due (for /me, which reads it straight after). */
  async ensure(user: AuthenticatedUser): Promise<void> {
    const now = this.now();
    if (!this.isDue(user.id, now)) return;
    await this.directory.upsert(user, now);
    this.lastWrite.set(user.id, now.getTime());
  }

  private isDue(userId: string, now: Date): boolean {
    const last = this.lastWrite.get(userId);
    return last === undefined || now.getTime() - last >= USER_UPSERT_INTERVAL_MS;
  }
}
