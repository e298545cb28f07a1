import { Message } from '../domain';
import { PackedTurnLog, TurnLogEntry } from './packed-turn-log';
import { storableText } from './storable-text';
import type { TurnCheckpoint } from './ports/turn.repository';
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
 * Once finished it keeps only its packed log, for clients re-attaching to it.
 */
export class TurnRun {
  /**
   * The event log, indexed by event id. A delta is kept as the end offset of its text in
   * `partialText` (a small integer, no heap object): deltas are nearly all of a turn's events,
   * and 1,000 open streams would otherwise hold hundreds of thousands of strings.
   */
  private log: TurnLogEntry[] = [];
  private packed?: PackedTurnLog;
  private listeners? = new Set<Listener>();
  private controller?: AbortController = new AbortController();
  private settle?: (message: Message) => void;
  private pending?: Promise<Message>;
  private abortReason?: AbortReason;
  /** The error that ended the turn, if it failed. */
  failure?: unknown;
  /** Why the finished answer could not be stored, if it could not: it was not confirmed. */
  storageFailure?: unknown;
  /** The answer so far; checkpointed to the message row while the turn streams. */
  partialText = '';
  /** How much of partialText the message row holds: characters, and UTF-8 bytes (-1: unknown). */
  private storedChars = 0;
  private storedBytes = 0;

  constructor(
    readonly ownerId: string,
    readonly conversationId: string,
    readonly assistantMessageId: string,
  ) {
    this.pending = new Promise((resolve) => (this.settle = resolve));
  }

  /** Resolves with the stored final message (complete, failed or cancelled). */
  get done(): Promise<Message> {
    return this.pending ?? Promise.resolve(this.unpacked().message);
  }

  get signal(): AbortSignal {
    return (this.controller ?? FINISHED).signal;
  }

  get reason(): AbortReason | undefined {
    return this.abortReason;
  }

  get finished(): boolean {
    if (this.packed) return true;
    const last = this.log[this.log.length - 1];
    return typeof last === 'object' && isTerminalEvent(last);
  }

  emit<T extends TurnEventType>(type: T, data: TurnEventData<T>): void {
    const event = { id: this.log.length, type, data } as TurnEvent;
    if (event.type === 'delta') {
      // Clients see, and the row stores, the same text: the storable form of what the model sent.
      event.data = { text: storableText(event.data.text) };
      this.partialText += event.data.text;
      this.log.push(this.partialText.length);
    } else this.log.push(event);
    for (const listener of this.listeners ?? []) listener(event);
  }

  /** Replays the events after `afterId` (-1 for all), then follows live ones. Returns an unsubscribe. */
  subscribe(listener: Listener, afterId = -1): () => void {
    const log = this.packed ? this.unpacked().log : this.log;
    const first = Math.max(0, afterId + 1);
    let textStart = deltaEndBefore(log, first);
    for (let id = first; id < log.length; id += 1) {
      const entry = log[id];
      if (typeof entry === 'number') {
        listener({ id, type: 'delta', data: { text: this.partialText.slice(textStart, entry) } });
        textStart = entry;
      } else listener(entry);
    }
    const listeners = this.listeners;
    if (this.finished || !listeners) return () => undefined;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** This turn's next checkpoint: the text added since the last one written (or all of it). */
  nextCheckpoint(): TurnCheckpoint {
    const id = this.assistantMessageId;
    if (this.storedBytes < 0) return { id, storedBytes: -1, text: this.partialText };
    const text =
      this.partialText.length > this.storedChars ? this.partialText.slice(this.storedChars) : null;
    return { id, storedBytes: this.storedBytes, text };
  }

  /** Records the outcome of `checkpoint`: written, or not (the next one then sends all the text). */
  checkpointed({ storedBytes, text }: TurnCheckpoint, written: boolean): void {
    if (text === null) return;
    if (!written) {
      this.storedChars = 0;
      this.storedBytes = -1;
      return;
    }
    // The text followed what the row held (or replaced it all, storedBytes -1).
    const whole = storedBytes < 0;
    this.storedChars = (whole ? 0 : this.storedChars) + text.length;
    this.storedBytes = (whole ? 0 : storedBytes) + Buffer.byteLength(text);
  }

  abort(reason: AbortReason): void {
    if (!this.controller || this.controller.signal.aborted || this.finished) return;
    this.abortReason = reason;
    this.controller.abort(reason);
  }

  /** Settles `done` with the stored message and packs the log; the run holds nothing else live. */
  complete(message: Message): void {
    this.listeners = undefined;
    this.settle?.(message);
    this.settle = undefined;
    this.controller = undefined;
    try {
      this.packed = PackedTurnLog.pack(this.log, this.partialText, message);
    } catch {
      return; // not JSON-safe (never expected): the live log and promise keep serving
    }
    this.log = [];
    this.pending = undefined;
  }

  private unpacked(): ReturnType<PackedTurnLog['unpack']> {
    return (this.packed as PackedTurnLog).unpack();
  }
}

/** The signal of a finished run: nothing is left to abort. */
const FINISHED = new AbortController();

/** Where the text of the first delta at or after `id` starts: the end of the one before. */
function deltaEndBefore(log: readonly TurnLogEntry[], id: number): number {
  for (let i = Math.min(id, log.length) - 1; i >= 0; i -= 1) {
    const entry = log[i];
    if (typeof entry === 'number') return entry;
  }
  return 0;
}
