import type { TurnEvent } from '../turn-events';

export interface StopRequest {
  ownerId: string;
  messageId: string;
}

/**
 * What lets any replica serve a turn another replica runs: the turn's event log (so a client can
 * re-attach anywhere) and stop requests (so a stop reaches the process running the turn).
 * Without Redis both stay in this process.
 */
export abstract class TurnCoordination {
  /** True when events and stops travel between processes. */
  abstract readonly shared: boolean;
  /** Appends an event to the turn's shared log; batched, never blocks the stream. */
  abstract publish(messageId: string, event: TurnEvent): void;
  /** The logged events after `afterId`, then live ones until the terminal event; null when no log exists. */
  abstract follow(
    messageId: string,
    afterId: number,
    signal: AbortSignal,
  ): Promise<AsyncIterable<TurnEvent> | null>;
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
