import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { StopRequest, TurnCoordination } from '../../application/ports/turn-coordination';
import { isTerminalEvent, reviveEvent, TurnEvent } from '../../application/turn-events';

const MAX_EVENTS_PER_TURN = 50000;
const FLUSH_DELAY_MS = 5;

// Keys get the client's keyPrefix from ioredis; pub/sub channels do not, so they take it here.
const streamKey = (messageId: string) => `turn:${messageId}:events`;

/**
 * Turn logs as one Redis Stream per turn (entry id = event id + 1, so a Last-Event-ID maps to a
 * stream position), expiring `ttlSeconds` after the turn ends; stops as pub/sub messages.
 * Writes are batched per tick into one pipeline so streaming throughput does not pay a round trip per token.
 */
export class RedisTurnCoordination extends TurnCoordination {
  readonly shared = true;
  private readonly logger = new Logger('RedisTurnCoordination');
  private readonly pending = new Map<string, TurnEvent[]>();
  private flushTimer?: NodeJS.Timeout;
  private subscriber?: Redis;
  private readonly followers = new Set<Redis>();
  private warned = false;
  private readonly stopChannel: string;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    /** Upper bound on how long a turn may run: its log must outlive it even if this process dies. */
    private readonly maxTurnSeconds: number,
  ) {
    super();
    this.stopChannel = `${redis.options.keyPrefix ?? ''}turn-stop`;
  }

  publish(messageId: string, event: TurnEvent): void {
    const queue = this.pending.get(messageId) ?? [];
    queue.push(event);
    this.pending.set(messageId, queue);
    if (isTerminalEvent(event)) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [messageId, events] of this.pending) {
      const key = streamKey(messageId);
      for (const event of events) {
        pipeline.xadd(
          key,
          'MAXLEN',
          '~',
          MAX_EVENTS_PER_TURN,
          `${event.id + 1}-0`,
          'e',
          JSON.stringify(event),
        );
      }
      const ended = events.some(isTerminalEvent);
      pipeline.expire(key, ended ? this.ttlSeconds : this.ttlSeconds + this.maxTurnSeconds);
    }
    this.pending.clear();
    pipeline.exec().then(
      (results) => {
        const failed = results?.find(([error]) => error);
        if (failed) this.warnOnce(failed[0] as Error);
        else this.warned = false;
      },
      (error: Error) => this.warnOnce(error),
    );
  }

  async follow(
    messageId: string,
    afterId: number,
    signal: AbortSignal,
  ): Promise<AsyncIterable<TurnEvent> | null> {
    const key = streamKey(messageId);
    const exists = await this.redis.exists(key).catch(() => 0);
    if (!exists) return null;
    // XREAD BLOCK holds its connection: each follower gets its own, without the command timeout.
    const connection = this.redis.duplicate({
      commandTimeout: undefined,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
    });
    this.followers.add(connection);
    const close = () => {
      this.followers.delete(connection);
      connection.disconnect();
    };
    signal.addEventListener('abort', close, { once: true });
    return this.read(connection, key, afterId, signal, close);
  }

  private async *read(
    connection: Redis,
    key: string,
    afterId: number,
    signal: AbortSignal,
    close: () => void,
  ): AsyncIterable<TurnEvent> {
    let cursor = `${afterId + 1}-0`;
    try {
      while (!signal.aborted) {
        const reply = (await connection.xread(
          'COUNT',
          500,
          'BLOCK',
          5000,
          'STREAMS',
          key,
          cursor,
        )) as [string, [string, string[]][]][] | null;
        if (!reply) {
          if (!(await connection.exists(key))) return;
          continue;
        }
        for (const [id, fields] of reply[0][1]) {
          cursor = id;
          const event = reviveEvent(JSON.parse(fields[1]) as TurnEvent);
          yield event;
          if (isTerminalEvent(event)) return;
        }
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    } finally {
      close();
    }
  }

  async requestStop(request: StopRequest): Promise<void> {
    await this.redis.publish(this.stopChannel, JSON.stringify(request));
  }

  onStopRequest(handler: (request: StopRequest) => void): void {
    this.subscriber = this.redis.duplicate({ commandTimeout: undefined, enableOfflineQueue: true });
    this.subscriber.on('message', (_channel: string, payload: string) => {
      try {
        handler(JSON.parse(payload) as StopRequest);
      } catch (error) {
        this.logger.warn(`ignored a malformed stop request: ${String(error)}`);
      }
    });
    this.subscriber.subscribe(this.stopChannel).catch((error: Error) => this.warnOnce(error));
  }

  async close(): Promise<void> {
    this.flush();
    for (const follower of this.followers) follower.disconnect();
    this.subscriber?.disconnect();
  }

  private warnOnce(error: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      `Redis turn log unavailable (turns keep running; re-attach works on this replica only): ${error.message}`,
    );
  }
}
