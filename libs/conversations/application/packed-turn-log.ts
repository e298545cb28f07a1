import { Message, MessageProps } from '../domain';
import { reviveEvent, reviveMessageProps, TurnEvent } from './turn-events';

/** A log entry: an event, or a delta kept as the end offset of its text in the answer. */
export type TurnLogEntry = TurnEvent | number;

/** Message props whose content, when it is the answer's text, is stored as null (kept once). */
type PackedProps = Omit<MessageProps, 'content'> & { content: string | null };

interface PackedRecord {
  log: TurnLogEntry[];
  /** The final message, when the log does not end with it (`message.end` carries it). */
  message?: PackedProps;
}

/**
 * A finished turn's log, held for re-attaching clients until STREAM_LOG_TTL_S (up to 10,000 per
 * process), packed as one JSON string beside the answer's text. Kept as live objects (events,
 * message props, dates, the abort switch) a finished turn cost ~4 KB in ~50 heap objects, which
 * every full garbage collection walks; a string is not scanned. Unpacked only on re-attach.
 */
export class PackedTurnLog {
  private constructor(
    private readonly text: string,
    private readonly json: string,
  ) {}

  static pack(log: readonly TurnLogEntry[], text: string, final: Message): PackedTurnLog {
    const pack = (m: MessageProps): PackedProps =>
      m.content === text ? { ...m, content: null } : m;
    const record: PackedRecord = {
      log: log.map((entry) =>
        isMessageEnd(entry)
          ? { ...entry, data: { ...entry.data, message: pack(entry.data.message) as MessageProps } }
          : entry,
      ),
    };
    if (!isMessageEnd(log[log.length - 1])) record.message = pack(final.toJSON());
    return new PackedTurnLog(text, JSON.stringify(record));
  }

  unpack(): { log: TurnLogEntry[]; message: Message } {
    const record = JSON.parse(this.json) as PackedRecord;
    const unpack = (m: PackedProps): MessageProps =>
      reviveMessageProps({ ...m, content: m.content ?? this.text });
    const log = record.log.map((entry): TurnLogEntry => {
      if (typeof entry === 'number') return entry;
      if (!isMessageEnd(entry)) return reviveEvent(entry);
      return { ...entry, data: { ...entry.data, message: unpack(entry.data.message) } };
    });
    const last = log[log.length - 1];
    const final = isMessageEnd(last) ? last.data.message : unpack(record.message as PackedProps);
    return { log, message: Message.restore(final) };
  }
}

type MessageEnd = Extract<TurnEvent, { type: 'message.end' }>;

function isMessageEnd(entry: TurnLogEntry | undefined): entry is MessageEnd {
  return typeof entry === 'object' && entry.type === 'message.end';
}
