import { parseAllowedOrigins, parseRateLimit, redisUrlOf } from './platform-settings';

describe('platform settings', () => {
  it('parses rate limits like 10/60s', () => {
    expect(parseRateLimit('10/60s')).toEqual({ limit: 10, ttlMs: 60000 });
    expect(() => parseRateLimit('ten per minute')).toThrow('10/60s');
  });

  it('accepts ALLOWED_ORIGINS as a JSON array or a comma list, as the seeds do', () => {
    expect(parseAllowedOrigins('["http://localhost:5173", "https://app.example.com/"]')).toEqual([
      'http://localhost:5173',
      'https://app.example.com',
    ]);
    expect(parseAllowedOrigins('http://a.test, http://b.test')).toEqual([
      'http://a.test',
      'http://b.test',
    ]);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(() => parseAllowedOrigins('[1, 2]')).toThrow('ALLOWED_ORIGINS');
  });

  it("takes REDIS_URL, else the seed's REDIS_HOST and REDIS_PORT", () => {
    expect(redisUrlOf({ REDIS_URL: 'redis://r:1/2', REDIS_HOST: 'x', REDIS_PORT: 6379 })).toBe(
      'redis://r:1/2',
    );
    expect(redisUrlOf({ REDIS_HOST: 'cache', REDIS_PORT: 6380 })).toBe('redis://cache:6380');
    expect(redisUrlOf({ REDIS_PORT: 6379 })).toBeUndefined();
  });
});
