import { validateEnvironment } from '../../../apps/api/config/env.validation';
import { parseBodyLimit } from './body-limit';

describe('BODY_LIMIT', () => {
  it.each([
    ['1mb', 1024 * 1024],
    ['512kb', 512 * 1024],
    ['1048576', 1048576],
    ['2 MB', 2 * 1024 * 1024],
  ])('reads %s as %d bytes', (limit, expected) => {
    expect(parseBodyLimit(limit)).toBe(expected);
    expect(validateEnvironment({ BODY_LIMIT: limit }).BODY_LIMIT).toBe(limit);
  });

  it.each(['lots', '-1mb', '1 parsec', ''])('refuses %j at start-up', (limit) => {
    if (limit === '') {
      expect(validateEnvironment({ BODY_LIMIT: limit }).BODY_LIMIT).toBe('1mb');
      return;
    }
    expect(() => validateEnvironment({ BODY_LIMIT: limit })).toThrow(/BODY_LIMIT must be a size/);
    expect(parseBodyLimit(limit)).toBeNull();
  });
});
