import { Message } from '../domain';
import {
  AbortReason,
  isTerminalEvent,
  TurnEvent,
  TurnEventData,
  TurnEventType,
} from './turn-events';

type Listener = (event: TurnEvent) => void;

/**
 * One running turn: its in-process event log, its subscribers and its abort switch. A turn is
 * owned by the process that runs it, not by any HTTP connection, so it outlives its client.
 */
export class TurnRun {
  /**
   * The event log, indexed by event id. A delta is kept as the end offset of its text in
   * `partialText` (a small integer, no heap object): deltas are nearly all of a turn's events,
   * and 1,000 open streams would otherwise hold hundreds of thousands of strings.
   */
  private readonly log: (TurnEvent | number)[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly controller = new AbortController();
  private settle!: (message: Message) => void;
  private abortReason?: AbortReason;
  /** Resolves with the stored final message (complete, failed or cancelled). */
  readonly done: Promise<Message>;
  /** The error that ended the turn, if it failed. */
  failure?: unknown;
  /** The answer so far; checkpointed to the message row while the turn streams. */
  partialText = '';
  /** Set when partialText changed since the last checkpoint. */
  dirty = false;

  constructor(
    readonly ownerId: string,
    readonly conversationId: string,
    readonly assistantMessageId: string,
  ) {
    this.done = new Promise((resolve) => (this.settle = resolve));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get reason(): AbortReason | undefined {
    return this.abortReason;
  }

  get finished(): boolean {
    const last = this.log[this.log.length - 1];
    return typeof last === 'object' && isTerminalEvent(last);
  }

  emit<T extends TurnEventType>(type: T, data: TurnEventData<T>): void {
    const event = { id: this.log.length, type, data } as TurnEvent;
    if (event.type === 'delta') {
      this.partialText += event.data.text;
      this.dirty = true;
      this.log.push(this.partialText.length);
    } else this.log.push(event);
    for (const listener of this.listeners) listener(event);
  }

  /** Replays the events after `afterId` (-1 for all), then follows live ones. Returns an unsubscribe. */
  subscribe(listener: Listener, afterId = -1): () => void {
    const logged = this.log.length;
    const first = Math.max(0, afterId + 1);
    let textStart = this.deltaEndBefore(first);
    for (let id = first; id < logged; id += 1) {
      const entry = this.log[id];
      if (typeof entry === 'number') {
        listener({ id, type: 'delta', data: { text: this.partialText.slice(textStart, entry) } });
        textStart = entry;
      } else listener(entry);
    }
    if (this.finished) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Where the text of the first delta at or after `id` starts: the end of the one before. */
  private deltaEndBefore(id: number): number {
    for (let i = Math.min(id, this.log.length) - 1; i >= 0; i -= 1) {
      const entry = this.log[i];
      if (typeof entry === 'number') return entry;
    }
    return 0;
  }

  abort(reason: AbortReason): void {
    if (this.controller.signal.aborted || this.finished) return;
    this.abortReason = reason;
    this.controller.abort(reason);
  }

  complete(message: Message): void {
    this.listeners.clear();
    this.settle(message);
  }
}
