import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AuthenticatedUser } from '../http/request-context';
import { ROOT_LOGGER } from '../logging/root-logger.token';
import { UserDirectory, UserSighting } from './user-directory';

/** How long a user's row is left alone after it was written. */
export const USER_UPSERT_INTERVAL_MS = 60_000;
/** How often the users due for a write are written, together. */
export const USER_FLUSH_INTERVAL_MS = 1_000;
/** A batch this large is written at once rather than at the next tick. */
const MAX_BATCH = 500;

/** DI token of the clock UserActivity reads (tests move it). */
export const USER_ACTIVITY_CLOCK = Symbol('USER_ACTIVITY_CLOCK');

/**
 * Keeps `users` current without a write per request: a user's row is written at most once a
 * minute per process (an in-process cache of the last write), off the request path, and the
 * users due within a second are written together by one statement.
 */
@Injectable()
export class UserActivity implements BeforeApplicationShutdown {
  private readonly lastWrite = new LRUCache<string, number>({ max: 100_000 });
  private pending = new Map<string, UserSighting>();
  /** The write under way (writes run one after another). */
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly directory: UserDirectory,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(USER_ACTIVITY_CLOCK) private readonly now: () => Date,
  ) {
    this.timer = setInterval(() => void this.flush(), USER_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Notes a request by `user`; never delays the caller. */
  seen(user: AuthenticatedUser): void {
    const now = this.now();
    if (!this.isDue(user.id, now)) return;
    this.lastWrite.set(user.id, now.getTime());
    this.pending.set(user.id, { user, seenAt: now });
    if (this.pending.size >= MAX_BATCH) void this.flush();
  }

  /** Writes the user's row now if it is due or waiting (for /me, which reads it straight after). */
  async ensure(user: AuthenticatedUser): Promise<void> {
    this.seen(user);
    await this.flush();
  }

  /**
   * Writes the users waiting for it, and resolves once every write started before has ended.
   * A failed write is logged; its users are written again on their next request.
   */
  flush(): Promise<void> {
    if (this.pending.size > 0) {
      const batch = [...this.pending.values()];
      this.pending = new Map();
      this.writing = this.writing.then(() =>
        this.directory.upsertMany(batch).catch((error: unknown) => {
          for (const { user } of batch) this.lastWrite.delete(user.id);
          this.logger.warn(
            { err: String(error), users: batch.length },
            'user activity not recorded',
          );
        }),
      );
    }
    return this.writing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private isDue(userId: string, now: Date): boolean {
    const last = this.lastWrite.get(userId);
    return last === undefined || now.getTime() - last >= USER_UPSERT_INTERVAL_MS;
  }
}
