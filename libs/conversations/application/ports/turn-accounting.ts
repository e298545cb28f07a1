import type { MessageProps } from '../../domain';

/**
 * What a turn costs and how it went, for whoever counts it (token budgets, metrics). The
 * application only reports; the platform decides what to do with it.
 */
export abstract class TurnAccounting {
  /** Throws (e.g. a 429 problem) when the user may not spend about `estimatedTokens` now. */
  abstract assertCanStart(ownerId: string, estimatedTokens: number): Promise<void>;
  /** Called once per finished answer (complete, failed or cancelled). Never throws. */
  abstract finished(ownerId: string, answer: MessageProps): Promise<void>;
}

/** For tests and tools that run the use cases without a platform. */
export class NoTurnAccounting extends TurnAccounting {
  async assertCanStart(): Promise<void> {}
  async finished(): Promise<void> {}
}
