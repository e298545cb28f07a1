import { ApiKey, isWellFormedApiKey } from './api-key';

const SECRET = `sk-cb-${'A'.repeat(20)}_${'b'.repeat(22)}`;
const issue = () =>
  ApiKey.issue(
    {
      id: 'k1',
      ownerId: 'alice',
      name: 'ci',
      hash: 'h',
      requestsPerMinute: 5,
      dailyTokenLimit: null,
      createdAt: new Date('2026-12-04T10:00:00Z'),
    },
    SECRET,
  );

describe('ApiKey', () => {
  it('recognises the key shape: prefix plus 43 base64url characters', () => {
    expect(isWellFormedApiKey(SECRET)).toBe(true);
    expect(isWellFormedApiKey(SECRET.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${SECRET}x`)).toBe(false);
    expect(isWellFormedApiKey(SECRET.replace('sk-cb-', 'sk-xx-'))).toBe(false);
    expect(isWellFormedApiKey(SECRET.replace('A', '+'))).toBe(false);
  });

  it('keeps only a display prefix of the secret, and starts unused and active', () => {
    const key = issue().toJSON();
    expect(key.prefix).toBe('sk-cb-AAAAAA');
    expect(JSON.stringify(key)).not.toContain(SECRET);
    expect(key).toMatchObject({ lastUsedAt: null, revokedAt: null });
  });

  it('refuses to issue a malformed secret', () => {
    expect(() => ApiKey.issue({ ...issue().toJSON() }, 'sk-cb-short')).toThrow('sk-cb-');
  });

  it('revokes once: a second revocation keeps the first time', () => {
    const key = issue();
    key.revoke(new Date('2026-12-04T11:00:00Z'));
    key.revoke(new Date('2026-12-04T12:00:00Z'));
    expect(key.isRevoked).toBe(true);
    expect(key.toJSON().revokedAt).toEqual(new Date('2026-12-04T11:00:00Z'));
  });
});
