import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ChatSettings } from './chat-settings';
import { TurnCoordination } from './ports/turn-coordination';
import { TurnRepository } from './ports/turn.repository';
import { StaleTurns } from './stale-turns';
import { TurnRegistry } from './turn-registry';

/**
 * Keeps turns crash-safe: checkpoints the partial text and heartbeat of every streaming turn of
 * this process (one write per tick, whatever the number of turns), settles turns whose process
 * died, carries stop requests from other replicas to the turns running here, and releases the
 * event logs of finished turns once they expire.
 */
@Injectable()
export class TurnLeaseKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TurnLeaseKeeper');
  private timers: NodeJS.Timeout[] = [];
  private checkpointing = false;

  constructor(
    private readonly registry: TurnRegistry,
    private readonly turns: TurnRepository,
    private readonly coordination: TurnCoordination,
    private readonly settings: ChatSettings,
    private readonly staleTurns: StaleTurns,
  ) {}

  onApplicationBootstrap(): void {
    this.coordination.onStopRequest(({ ownerId, messageId }) =>
      this.registry.get(ownerId, messageId)?.abort('stopped'),
    );
    const every = (ms: number, task: () => Promise<unknown>) => {
      const timer = setInterval(
        () => void task().catch((e: Error) => this.logger.warn(e.message)),
        ms,
      );
      timer.unref();
      this.timers.push(timer);
    };
    every(this.settings.checkpointMs, () => this.checkpoint());
    every(Math.max(1000, Math.floor(this.settings.leaseMs / 2)), () => this.sweep());
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach(clearInterval);
    this.timers = [];
    await this.coordination.close();
  }

  /** Every running turn gets a heartbeat; those with new text also get it written. */
  async checkpoint(): Promise<void> {
    if (this.checkpointing) return;
    const runs = this.registry.active();
    if (runs.length === 0) return;
    this.checkpointing = true;
    try {
      const entries = runs.map((run) => run.nextCheckpoint());
      const written = new Set(await this.turns.checkpoint(entries));
      runs.forEach((run, i) => run.checkpointed(entries[i], written.has(run.assistantMessageId)));
    } finally {
      this.checkpointing = false;
    }
  }

  async sweep(): Promise<void> {
    this.registry.forgetExpired();
    const settled = await this.staleTurns.settle();
    if (settled > 0)
      this.logger.warn(`settled ${settled} interrupted turn(s) left by a stopped process`);
  }
}
