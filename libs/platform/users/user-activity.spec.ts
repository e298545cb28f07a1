import pino from 'pino';
import type { AuthenticatedUser } from '../http/request-context';
import { UserActivity } from './user-activity';
import type { UserDirectory, UserSighting } from './user-directory';

describe('UserActivity', () => {
  const activities: UserActivity[] = [];
  afterEach(async () => {
    await Promise.all(activities.splice(0).map((a) => a.beforeApplicationShutdown()));
  });

  const setUp = (failures = 0) => {
    const batches: UserSighting[][] = [];
    let failuresLeft = failures;
    const directory = {
      upsertMany: async (batch: UserSighting[]) => {
        batches.push(batch);
        if (failuresLeft-- > 0) throw new Error('database down');
      },
    } as unknown as UserDirectory;
    const clock = { now: new Date('2026-12-04T12:00:00.000Z') };
    const activity = new UserActivity(directory, pino({ level: 'silent' }), () => clock.now);
    activities.push(activity);
    const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
    const written = () => batches.flat().map((s) => s.user.id);
    return { batches, written, activity, advance };
  };
  const user = (id: string, extra: Partial<AuthenticatedUser> = {}): AuthenticatedUser => ({
    id,
    isAdmin: false,
    ...extra,
  });

  it('writes nothing on the request path: users due are written together by the next flush', async () => {
    const { batches, activity } = setUp();
    activity.seen(user('a'));
    activity.seen(user('b'));
    expect(batches).toHaveLength(0);
    await activity.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0].map((s) => s.user.id)).toEqual(['a', 'b']);
  });

  it('writes a user once a minute however many requests they make', async () => {
    const { batches, written, activity, advance } = setUp();
    for (let i = 0; i < 50; i++) activity.seen(user('a'));
    activity.seen(user('b'));
    await activity.flush();
    advance(59_999);
    activity.seen(user('a'));
    await activity.flush();
    expect(written()).toEqual(['a', 'b']);
    advance(1);
    activity.seen(user('a', { email: 'a@example.com' }));
    await activity.flush();
    expect(written()).toEqual(['a', 'b', 'a']);
    expect(batches[1][0].user.email).toBe('a@example.com');
    expect(batches[1][0].seenAt.toISOString()).toBe('2026-12-04T12:01:00.000Z');
  });

  it('writes on a timer without being asked', async () => {
    jest.useFakeTimers();
    try {
      const { written, activity } = setUp();
      activity.seen(user('a'));
      await jest.advanceTimersByTimeAsync(1_000);
      expect(written()).toEqual(['a']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('tries again on the next request after a failed write', async () => {
    const { written, activity } = setUp(1);
    activity.seen(user('a'));
    await activity.flush();
    activity.seen(user('a'));
    await activity.flush();
    expect(written()).toEqual(['a', 'a']);
  });

  it('ensure() writes the caller now when due, and not again within the minute', async () => {
    const { written, activity } = setUp();
    await activity.ensure(user('a'));
    expect(written()).toEqual(['a']);
    await activity.ensure(user('a'));
    activity.seen(user('a'));
    await activity.flush();
    expect(written()).toEqual(['a']);
  });

  it('ensure() waits for a write of the caller already under way', async () => {
    let release = () => undefined as void;
    const batches: UserSighting[][] = [];
    const directory = {
      upsertMany: (batch: UserSighting[]) => {
        batches.push(batch);
        return new Promise<void>((resolve) => (release = resolve));
      },
    } as unknown as UserDirectory;
    const activity = new UserActivity(directory, pino({ level: 'silent' }), () => new Date());
    activities.push(activity);
    activity.seen(user('a'));
    void activity.flush();
    let ensured = false;
    const ensuring = activity.ensure(user('a')).then(() => (ensured = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ensured).toBe(false);
    release();
    await ensuring;
    expect(batches).toHaveLength(1);
  });

  it('writes what is waiting when the application shuts down', async () => {
    const { written, activity } = setUp();
    activity.seen(user('a'));
    await activity.beforeApplicationShutdown();
    expect(written()).toEqual(['a']);
  });
});
