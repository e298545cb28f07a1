import type { ThrottlerStorage } from '@nestjs/throttler';
import pino from 'pino';
import { Writable } from 'node:stream';
import { Metrics } from '../metrics/metrics.service';
import { FailOpenThrottlerStorage } from './fail-open.storage';

function capture() {
  const lines: { msg: string; level: number }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('FailOpenThrottlerStorage', () => {
  it('lets requests through while the store fails, warns once per outage and counts failures', async () => {
    let up = true;
    const inner: ThrottlerStorage = {
      increment: async () => {
        if (!up) throw new Error('Connection is closed.');
        return { totalHits: 5, timeToExpire: 60, isBlocked: true, timeToBlockExpire: 60 };
      },
    };
    const { lines, logger } = capture();
    const metrics = new Metrics();
    const storage = new FailOpenThrottlerStorage(inner, logger, metrics);

    expect((await storage.increment('k', 60000, 3, 60000, 'read')).isBlocked).toBe(true);
    up = false;
    for (let i = 0; i < 3; i++) {
      const record = await storage.increment('k', 60000, 3, 60000, 'read');
      expect(record).toEqual({
        totalHits: 0,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    }
    expect(storage.degraded).toBe(true);
    up = true;
    expect((await storage.increment('k', 60000, 3, 60000, 'read')).isBlocked).toBe(true);
    expect(storage.degraded).toBe(false);

    const messages = lines.map((l) => l.msg);
    expect(messages.filter((m) => m.includes('unavailable'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('is back'))).toHaveLength(1);
    expect(await metrics.registry.metrics()).toMatch(/^rate_limit_store_failures_total 3$/m);
  });
});
