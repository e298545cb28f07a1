import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/root-logger.token';

/** Lets in-flight work finish within `graceMs`, then ends it (e.g. open streams). */
export type DrainHook = (graceMs: number) => Promise<void>;

/** Extra time after the grace for hooks to store what they cut off, before we stop waiting. */
export const DRAIN_SETTLE_MS = 5000;

/**
 * Graceful shutdown, in one place: modules register drain hooks (`onDrain`); on SIGTERM main.ts
 * stops accepting connections and calls `drain(graceMs)`, which runs every hook at once with
 * the grace. A failing hook is logged and does not stop the others; a hook that never settles
 * is abandoned after grace + DRAIN_SETTLE_MS so shutdown always completes.
 */
@Injectable()
export class ShutdownCoordinator {
  private readonly hooks = new Set<DrainHook>();
  private drainingSince?: number;
  private drained?: Promise<void>;

  constructor(@Optional() @Inject(ROOT_LOGGER) private readonly logger?: Logger) {}

  /** Registers a hook; returns a function that unregisters it. */
  onDrain(hook: DrainHook): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** True once shutdown began: readiness fails, new long work should be refused. */
  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  /** Runs every hook once (later calls wait for the first run). */
  drain(graceMs: number): Promise<void> {
    this.drained ??= this.runHooks(graceMs);
    return this.drained;
  }

  private async runHooks(graceMs: number): Promise<void> {
    this.drainingSince = Date.now();
    const hooks = [...this.hooks];
    this.logger?.info({ hooks: hooks.length, graceMs }, 'draining');
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs + DRAIN_SETTLE_MS);
      timer.unref();
    });
    const all = Promise.allSettled(
      hooks.map((hook) => Promise.resolve().then(() => hook(graceMs))),
    );
    const outcome = await Promise.race([all, cap]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger?.warn({ graceMs }, 'drain hooks did not finish in time; shutting down anyway');
      return;
    }
    outcome.forEach((result, index) => {
      if (result.status === 'rejected')
        this.logger?.error(
          {
            err: result.reason instanceof Error ? result.reason.message : String(result.reason),
            hook: index,
          },
          'drain hook failed',
        );
    });
    this.logger?.info({ durationMs: Date.now() - this.drainingSince! }, 'drained');
  }
}
