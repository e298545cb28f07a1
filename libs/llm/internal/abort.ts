import { LlmAbortedError } from '../llm-errors';

/** The error every adapter and wrapper uses when the caller's signal aborts. */
export function abortedError(signal?: AbortSignal): LlmAbortedError {
  return new LlmAbortedError('The LLM call was aborted', undefined, { cause: signal?.reason });
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortedError(signal);
}

/** Resolves after `ms`; rejects with LlmAbortedError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles like `promise`, but rejects with LlmAbortedError the moment `signal` aborts, even if
 * the inner work ignores the signal. A late rejection of `promise` is swallowed.
 */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A controller that aborts when `parent` does; call `dispose` to detach from the parent. */
export function linkedAbortController(parent?: AbortSignal): {
  controller: AbortController;
  dispose: () => void;
} {
  const controller = new AbortController();
  if (!parent) return { controller, dispose: () => undefined };
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', onAbort) };
}

/**
 * `raceAbort` for a sequence of reads (a stream's events, one at a time): one abort listener for
 * the whole sequence instead of an add/remove per read, which showed up in streaming profiles.
 * Call `dispose` when the sequence ends.
 */
export class AbortRace {
  private rejectPending?: (error: unknown) => void;
  private readonly onAbort = (): void => this.rejectPending?.(abortedError(this.signal));

  constructor(private readonly signal?: AbortSignal) {
    if (signal && !signal.aborted) signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Settles like `promise`, or rejects with LlmAbortedError once the signal aborts. */
  race<T>(promise: Promise<T>): Promise<T> {
    const signal = this.signal;
    if (!signal) return promise;
    if (signal.aborted) {
      promise.catch(() => undefined);
      return Promise.reject(abortedError(signal));
    }
    return new Promise<T>((resolve, reject) => {
      this.rejectPending = reject;
      promise.then(resolve, reject);
    });
  }

  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.rejectPending = undefined;
  }
}
