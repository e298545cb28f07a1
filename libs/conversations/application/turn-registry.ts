import { Injectable } from '@nestjs/common';
import { TurnRun } from './turn-run';

/** The turns this process is running, by assistant message id (for stop, attach and shutdown). */
@Injectable()
export class TurnRegistry {
  private readonly runs = new Map<string, TurnRun>();

  add(run: TurnRun): void {
    this.runs.set(run.assistantMessageId, run);
    void run.done.finally(() => this.runs.delete(run.assistantMessageId));
  }

  get(ownerId: string, assistantMessageId: string): TurnRun | undefined {
    const run = this.runs.get(assistantMessageId);
    return run && run.ownerId === ownerId ? run : undefined;
  }

  get size(): number {
    return this.runs.size;
  }

  /** Lets running turns finish for up to `graceMs`, then aborts the rest and waits for them to be stored. */
  async drain(graceMs: number): Promise<void> {
    const pending = [...this.runs.values()];
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(pending.map((r) => r.done)), grace]);
    clearTimeout(timer);
    for (const run of this.runs.values()) run.abort('shutdown');
    await Promise.all([...this.runs.values()].map((r) => r.done));
  }
}
