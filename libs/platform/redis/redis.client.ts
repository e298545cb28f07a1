import Redis from 'ioredis';

/** DI token: the platform's shared ioredis client, or `undefined` when Redis is not configured. */
export const PLATFORM_REDIS = Symbol('PLATFORM_REDIS');

/**
 * A client that never stalls a request: no offline queue (commands fail at once while
 * disconnected), short connect/command timeouts, no per-command retries; it keeps reconnecting
 * in the background so the service recovers by itself when Redis returns.
 */
export function createRedisClient(
  url: string,
  onError?: (error: Error) => void,
  keyPrefix = '',
): Redis {
  const client = new Redis(url, {
    keyPrefix,
    enableOfflineQueue: false,
    connectTimeout: 1000,
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    // A ready check would hold commands back after each reconnect; PING-less is fine here.
    enableReadyCheck: false,
  });
  // Without a listener ioredis prints every reconnect failure to stderr.
  client.on('error', (error: Error) => onError?.(error));
  return client;
}

/** Closes a client without waiting for a dead server. */
export async function closeRedisClient(client: Redis | undefined): Promise<void> {
  if (!client) return;
  if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
  else client.disconnect();
}
