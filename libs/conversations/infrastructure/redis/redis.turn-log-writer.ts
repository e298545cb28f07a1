import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import { isTerminalEvent, TurnEvent } from '../../application/turn-events';
import type { TurnRun } from '../../application/turn-run';
import { turnLogKey } from './redis.turn-log-keys';

const FLUSH_DELAY_MS = 5;
const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5000;

/*
 * Appends a turn's events to its stream only where the stream ends with the event before them
 * (entry id = event id + 1). From event 0 it replaces the stream whole. Anything else (a Redis
 * that restarted empty, or a write that never arrived) answers -1 - <the stream's last entry id>,
 * and the writer sends the whole log again: a reader never meets a gap.
 * KEYS[1] stream; ARGV[1] last entry id the writer believes is there (0: none); ARGV[2] TTL (s);
 * ARGV[3..] entry id, JSON event, entry id, JSON event, ...
 */
const APPEND_SCRIPT = `
local expected = tonumber(ARGV[1])
if expected == 0 then
  redis.call('DEL', KEYS[1])
else
  local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  local lastId = 0
  if #last > 0 then lastId = tonumber(string.match(last[1][1], '^(%d+)')) end
  if lastId ~= expected then return -1 - lastId end
end
for i = 3, #ARGV, 2 do
  redis.call('XADD', KEYS[1], ARGV[i] .. '-0', 'e', ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return tonumber(ARGV[#ARGV - 1])
`;

type AppendCommand = (
  key: string,
  expectedLastEntry: number,
  ttlSeconds: number,
  ...entries: (string | number)[]
) => ChainableCommander;

interface LoggedTurn {
  run: TurnRun;
  /** The highest event id Redis is known to hold for this turn (-1: none, or unknown). */
  written: number;
  /** Id of the terminal event, once emitted. */
  terminalId?: number;
  endedAt?: number;
}

/**
 * Keeps each running turn's Redis Stream a whole copy of its events. Events are batched per tick
 * into one pipeline; a failed batch is retried with backoff while the process lives (the run holds
 * every event), and a stream that lost entries is written again from the start.
 */
export class RedisTurnLogWriter {
  private readonly turns = new Map<string, LoggedTurn>();
  private readonly dirty = new Set<string>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private retryMs = RETRY_MIN_MS;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    /** Upper bound on how long a turn may run: its log must outlive it even if this process dies. */
    private readonly maxTurnSeconds: number,
    private readonly onFailure: (error: Error) => void,
    private readonly onRecovery: () => void,
  ) {
    redis.defineCommand('appendTurnLog', { numberOfKeys: 1, lua: APPEND_SCRIPT });
  }

  track(run: TurnRun): void {
    const turn: LoggedTurn = { run, written: -1 };
    this.turns.set(run.assistantMessageId, turn);
    run.subscribe((event) => {
      this.dirty.add(run.assistantMessageId);
      if (isTerminalEvent(event)) {
        turn.terminalId = event.id;
        turn.endedAt = Date.now();
        void this.flush();
      } else this.schedule(FLUSH_DELAY_MS);
    });
  }

  /** Turns whose log Redis does not yet hold whole. */
  get pendingCount(): number {
    return this.turns.size;
  }

  /** Writes what is pending now (shutdown); failures stay pending. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    this.timer ??= setTimeout(() => void this.flush(), delayMs);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    this.forgetExpired();
    const batch = [...this.dirty].flatMap((id) => {
      const turn = this.turns.get(id);
      return turn ? [turn] : [];
    });
    this.dirty.clear();
    if (batch.length === 0) return;
    const pipeline = this.redis.pipeline() as ChainableCommander & { appendTurnLog: AppendCommand };
    const sent: { turn: LoggedTurn; lastId: number }[] = [];
    for (const turn of batch) {
      const events = eventsAfter(turn.run, turn.written);
      if (events.length === 0) {
        this.forgetIfWhole(turn);
        continue;
      }
      const entries = events.flatMap((event) => [event.id + 1, JSON.stringify(event)]);
      const ended = turn.terminalId !== undefined;
      const ttl = ended ? this.ttlSeconds : this.ttlSeconds + this.maxTurnSeconds;
      const key = turnLogKey(turn.run.assistantMessageId);
      pipeline.appendTurnLog(key, turn.written + 1, ttl, ...entries);
      sent.push({ turn, lastId: events[events.length - 1].id });
    }
    if (sent.length === 0) return;
    let failure: Error | undefined;
    try {
      const results = (await pipeline.exec()) ?? [];
      sent.forEach(({ turn, lastId }, index) => {
        const [error, appended] = results[index] ?? [new Error('no reply from Redis')];
        if (error) failure = error;
        // The stream did not end where this writer left it: write the whole log again.
        else turn.written = Number(appended) < 0 ? -1 : lastId;
        if (!this.forgetIfWhole(turn) && turn.written !== lastId) {
          this.dirty.add(turn.run.assistantMessageId);
        }
      });
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      for (const { turn } of sent) this.dirty.add(turn.run.assistantMessageId);
    }
    if (failure) {
      this.onFailure(failure);
      this.schedule(this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    } else {
      if (this.retryMs !== RETRY_MIN_MS) this.onRecovery();
      this.retryMs = RETRY_MIN_MS;
      if (this.dirty.size > 0) this.schedule(0);
    }
  }

  /** Done with a turn once Redis holds its terminal event. */
  private forgetIfWhole(turn: LoggedTurn): boolean {
    if (turn.terminalId === undefined || turn.written !== turn.terminalId) return false;
    this.turns.delete(turn.run.assistantMessageId);
    return true;
  }

  /** A finished turn whose log would already have expired is not worth writing any more. */
  private forgetExpired(): void {
    const cutoff = Date.now() - this.ttlSeconds * 1000;
    for (const [id, turn] of this.turns) {
      if (turn.endedAt !== undefined && turn.endedAt < cutoff) {
        this.turns.delete(id);
        this.dirty.delete(id);
      }
    }
  }
}

/** The run's events after `afterId`, replayed from its own log. */
function eventsAfter(run: TurnRun, afterId: number): TurnEvent[] {
  const events: TurnEvent[] = [];
  run.subscribe((event) => events.push(event), afterId)();
  return events;
}
