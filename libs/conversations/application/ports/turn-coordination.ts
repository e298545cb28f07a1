import type { TurnEvent } from '../turn-events';
import type { TurnRun } from '../turn-run';

export interface StopRequest {
  ownerId: string;
  messageId: string;
}

/**
 * A follower could not read the shared log to its end (the log store went away, or the log
 * vanished under it): the client should re-attach.
 */
export class FollowInterruptedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FollowInterruptedError';
  }
}

/** The shared log does not hold the events right after the reader's position: never serve it. */
export class TurnLogGapError extends Error {
  constructor(
    readonly expectedId: number,
    readonly foundId: number,
  ) {
    super(`the turn's shared log skips from event ${expectedId - 1} to ${foundId}`);
    this.name = 'TurnLogGapError';
  }
}

/**
 * What lets any replica serve a turn another replica runs: the turn's event log (so a client can
 * re-attach anywhere) and stop requests (so a stop reaches the process running the turn).
 * Without Redis both stay in this process.
 */
export abstract class TurnCoordination {
  /** True when events and stops travel between processes. */
  abstract readonly shared: boolean;
  /**
   * Keeps the turn's shared log a whole, gap-free copy of the run's events: written in batches,
   * never blocking the stream, and written again from the run (which holds every event) when the
   * log store lost or missed some.
   */
  abstract publish(run: TurnRun): void;
  /**
   * The logged events after `afterId`, then live ones until the terminal event; null when no log
   * exists. Rejects, or throws while iterating, with TurnLogGapError when the log does not continue
   * from `afterId`, and FollowInterruptedError when it cannot be read to its end.
   */
  abstract follow(
    messageId: string,
    afterId: number,
    signal: AbortSignal,
  ): Promise<AsyncIterable<TurnEvent> | null>;
  /** Rejects when the stop cannot be delivered now (the caller is told so, and may retry). */
  abstract requestStop(request: StopRequest): Promise<void>;
  abstract onStopRequest(handler: (request: StopRequest) => void): void;
  abstract close(): Promise<void>;
}

/** The single-process case: the in-memory TurnRun is the only log; stops never leave the process. */
export class LocalTurnCoordination extends TurnCoordination {
  readonly shared = false;
  private handler?: (request: StopRequest) => void;

  publish(): void {}

  async follow(): Promise<null> {
    return null;
  }

  async requestStop(request: StopRequest): Promise<void> {
    this.handler?.(request);
  }

  onStopRequest(handler: (request: StopRequest) => void): void {
    this.handler = handler;
  }

  async close(): Promise<void> {}
}
