import { Injectable } from '@nestjs/common';
import { ChatSettings } from './chat-settings';
import { TurnRepository } from './ports/turn.repository';
import { TurnRegistry } from './turn-registry';

/**
 * Settles turns a dead process left unfinished, never those this process still runs: a turn
 * whose heartbeat lapsed while the database was unreachable is alive, and will store its answer.
 */
@Injectable()
export class StaleTurns {
  constructor(
    private readonly turns: TurnRepository,
    private readonly registry: TurnRegistry,
    private readonly settings: ChatSettings,
  ) {}

  /** How many turns were settled as `interrupted`. */
  settle(scope?: { ownerId: string; conversationId?: string }): Promise<number> {
    return this.turns.settleStale(this.settings.leaseMs, scope, this.registry.runningIds());
  }
}
