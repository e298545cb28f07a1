import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import {
  FollowInterruptedError,
  StopRequest,
  TurnCoordination,
  TurnLogGapError,
} from '../../application/ports/turn-coordination';
import { isTerminalEvent, reviveEvent, TurnEvent } from '../../application/turn-events';
import type { TurnRun } from '../../application/turn-run';
import { turnLogKey } from './redis.turn-log-keys';
import { RedisTurnLogWriter } from './redis.turn-log-writer';

const READ_BLOCK_MS = 5000;

type StreamReply = [string, [string, string[]][]][] | null;

/**
 * Turn logs as one Redis Stream per turn (entry id = event id + 1, so a Last-Event-ID maps to a
 * stream position), expiring `ttlSeconds` after the turn ends; stops as pub/sub messages.
 */
export class RedisTurnCoordination extends TurnCoordination {
  readonly shared = true;
  private readonly logger = new Logger('RedisTurnCoordination');
  private readonly writer: RedisTurnLogWriter;
  private subscriber?: Redis;
  private readonly followers = new Set<Redis>();
  private warned = false;
  private readonly stopChannel: string;

  constructor(
    private readonly redis: Redis,
    ttlSeconds: number,
    maxTurnSeconds: number,
  ) {
    super();
    // Keys get the client's keyPrefix from ioredis; pub/sub channels do not, so they take it here.
    this.stopChannel = `${redis.options.keyPrefix ?? ''}turn-stop`;
    this.writer = new RedisTurnLogWriter(
      redis,
      ttlSeconds,
      maxTurnSeconds,
      (error) => this.warnOnce(error),
      () => this.recovered(),
    );
  }

  publish(run: TurnRun): void {
    this.writer.track(run);
  }

  async follow(
    messageId: string,
    afterId: number,
    signal: AbortSignal,
  ): Promise<AsyncIterable<TurnEvent> | null> {
    const key = turnLogKey(messageId);
    let exists: number;
    try {
      exists = await this.redis.exists(key);
    } catch (error) {
      throw new FollowInterruptedError(`the turn log store is unavailable: ${String(error)}`);
    }
    if (!exists) return null;
    // XREAD BLOCK holds its connection: each follower gets its own, without the command timeout.
    const connection = this.redis.duplicate({
      commandTimeout: undefined,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
    });
    // A dropped connection is reported by the read that fails; nothing to print here.
    connection.on('error', () => undefined);
    this.followers.add(connection);
    const close = () => {
      this.followers.delete(connection);
      connection.disconnect();
    };
    signal.addEventListener('abort', close, { once: true });
    return this.read(connection, key, afterId, signal, close);
  }

  /** Reads the stream from `afterId` on, checking that each entry is the next event. */
  private async *read(
    connection: Redis,
    key: string,
    afterId: number,
    signal: AbortSignal,
    close: () => void,
  ): AsyncIterable<TurnEvent> {
    let cursor = `${afterId + 1}-0`;
    let expected = afterId + 1;
    try {
      while (!signal.aborted) {
        let reply: StreamReply;
        try {
          reply = (await connection.xread(
            'COUNT',
            500,
            'BLOCK',
            READ_BLOCK_MS,
            'STREAMS',
            key,
            cursor,
          )) as StreamReply;
          if (!reply && !(await connection.exists(key))) {
            throw new Error('the turn log vanished before its end');
          }
        } catch (error) {
          if (signal.aborted) return;
          throw new FollowInterruptedError(error instanceof Error ? error.message : String(error));
        }
        for (const [id, fields] of reply?.[0][1] ?? []) {
          cursor = id;
          const event = reviveEvent(JSON.parse(fields[1]) as TurnEvent);
          if (event.id !== expected) throw new TurnLogGapError(expected, event.id);
          expected += 1;
          yield event;
          if (isTerminalEvent(event)) return;
        }
      }
    } finally {
      close();
    }
  }

  async requestStop(request: StopRequest): Promise<void> {
    await this.redis.publish(this.stopChannel, JSON.stringify(request));
  }

  onStopRequest(handler: (request: StopRequest) => void): void {
    this.subscriber = this.redis.duplicate({ commandTimeout: undefined, enableOfflineQueue: true });
    this.subscriber.on('error', () => undefined);
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
    await this.writer.flush();
    this.writer.close();
    for (const follower of this.followers) follower.disconnect();
    this.subscriber?.disconnect();
  }

  private warnOnce(error: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      `Redis turn log unavailable (turns keep running, their logs are written again when Redis is back): ${error.message}`,
    );
  }

  private recovered(): void {
    this.warned = false;
    this.logger.log('Redis turn log writable again: pending turn logs written');
  }
}
