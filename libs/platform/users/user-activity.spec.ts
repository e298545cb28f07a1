import pino from 'pino';
import type { AuthenticatedUser } from '../http/request-context';
import { UserActivity } from './user-activity';
import type { UserDirectory } from './user-directory';

describe('UserActivity', () => {
  const setUp = (fail = false) => {
    const writes: { user: AuthenticatedUser; at: Date }[] = [];
    const directory = {
      upsert: async (user: AuthenticatedUser, at: Date) => {
        writes.push({ user, at });
        if (fail) throw new Error('database down');
      },
    } as unknown as UserDirectory;
    const clock = { now: new Date('2026-12-04T12:00:00.000Z') };
    const activity = new UserActivity(directory, pino({ level: 'silent' }), () => clock.now);
    const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
    return { writes, activity, advance };
  };

  it('writes a user once a minute however many requests they make', () => {
    const { writes, activity, advance } = setUp();
    for (let i = 0; i < 50; i++) activity.seen({ id: 'a', isAdmin: false });
    activity.seen({ id: 'b', isAdmin: false });
    advance(59_999);
    activity.seen({ id: 'a', isAdmin: false });
    expect(writes.map((w) => w.user.id)).toEqual(['a', 'b']);
    advance(1);
    activity.seen({ id: 'a', isAdmin: false, email: 'a@example.com' });
    expect(writes.map((w) => w.user.id)).toEqual(['a', 'b', 'a']);
    expect(writes[2].user.email).toBe('a@example.com');
  });

  it('tries again on the next request after a failed write', async () => {
    const { writes, activity } = setUp(true);
    activity.seen({ id: 'a', isAdmin: false });
    await new Promise((resolve) => setImmediate(resolve));
    activity.seen({ id: 'a', isAdmin: false });
    expect(writes).toHaveLength(2);
  });

  it('ensure() writes when due and not again within the minute', async () => {
    const { writes, activity } = setUp();
    await activity.ensure({ id: 'a', isAdmin: false });
    await activity.ensure({ id: 'a', isAdmin: false });
    activity.seen({ id: 'a', isAdmin: false });
    expect(writes).toHaveLength(1);
  });
});
