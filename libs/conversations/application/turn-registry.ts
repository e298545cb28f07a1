import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ChatSettings } from './chat-settings';
import { TurnRun } from './turn-run';

/**
 * The turns this process runs, by assistant message id (for stop, attach, checkpoints and
 * shutdown), and the ones it finished lately, whose event logs serve re-attaching clients
 * until STREAM_LOG_TTL_S.
 */
@Injectable()
export class TurnRegistry {
  private readonly running = new Map<string, TurnRun>();
  private readonly finished: LRUCache<string, TurnRun>;
  private readonly stopper = new AbortController();

  constructor(settings: ChatSettings) {
    this.finished = new LRUCache({
      max: 10000,
      ttl: settings.logTtlSeconds * 1000,
      ttlAutopurge: false,
    });
  }

  add(run: TurnRun): void {
    this.running.set(run.assistantMessageId, run);
    void run.done.finally(() => {
      this.running.delete(run.assistantMessageId);
      this.finished.set(run.assistantMessageId, run);
    });
  }

  get(ownerId: string, assistantMessageId: string): TurnRun | undefined {
    const run = this.running.get(assistantMessageId) ?? this.finished.get(assistantMessageId);
    return run && run.ownerId === ownerId ? run : undefined;
  }

  /**
   * Releases finished turns past STREAM_LOG_TTL_S: the cache stops serving them at once but would
   * hold their event logs until evicted by count (up to 10,000 turns, hours under light load).
   */
  forgetExpired(): void {
    this.finished.purgeStale();
  }

  /** How many finished turns are held for re-attaching clients. */
  get finishedCount(): number {
    return this.finished.size;
  }

  /** Aborted once shutdown stops waiting for turns: pending retries give up then. */
  get stopping(): AbortSignal {
    return this.stopper.signal;
  }

  /** The assistant message ids of the runs still producing an answer. */
  runningIds(): string[] {
    return [...this.running.keys()];
  }

  /** Runs still producing an answer. */
  active(): TurnRun[] {
    return [...this.running.values()];
  }

  /** Lets running turns finish for up to `graceMs`, then aborts the rest and waits for them to be stored. */
  async drain(graceMs: number): Promise<void> {
    const pending = this.active();
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(pending.map((r) => r.done)), grace]);
    clearTimeout(timer);
    for (const run of this.running.values()) run.abort('shutdown');
    this.stopper.abort();
    await Promise.all(this.active().map((r) => r.done));
  }
}
