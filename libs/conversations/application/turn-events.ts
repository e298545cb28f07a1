import type { MessageProps } from '../domain';

/** The SSE events of a turn (streaming contract); `id` is the event's position in the turn. */
export type TurnEvent =
  | {
      id: number;
      type: 'message.start';
      data: {
        conversationId: string;
        userMessage: MessageProps;
        assistantMessageId: string;
        turnId: string;
        model: string;
      };
    }
  | { id: number; type: 'delta'; data: { text: string } }
  | {
      id: number;
      type: 'message.end';
      data: {
        message: MessageProps;
        usage: { inputTokens: number | null; outputTokens: number | null };
        stopReason: string | null;
      };
    }
  | {
      id: number;
      type: 'error';
      data: { code: string; message: string; retryable: boolean; messageId: string };
    };

export type TurnEventType = TurnEvent['type'];
export type TurnEventData<T extends TurnEventType> = Extract<TurnEvent, { type: T }>['data'];

export const isTerminalEvent = (event: TurnEvent): boolean =>
  event.type === 'message.end' || event.type === 'error';

/** Why a turn was aborted; stored in the cancelled message's error. */
export type AbortReason = 'client_disconnected' | 'stopped' | 'shutdown';

/** Message props read back from JSON carry dates as strings: restore them. */
export const reviveMessageProps = (m: MessageProps): MessageProps => ({
  ...m,
  createdAt: new Date(m.createdAt),
  updatedAt: new Date(m.updatedAt),
  heartbeatAt: m.heartbeatAt ? new Date(m.heartbeatAt) : null,
});

/** Events read back from JSON (a shared log, a packed one) carry dates as strings: restore them. */
export function reviveEvent(event: TurnEvent): TurnEvent {
  if (event.type === 'message.start') {
    const userMessage = reviveMessageProps(event.data.userMessage);
    return { ...event, data: { ...event.data, userMessage } };
  }
  if (event.type === 'message.end')
    return { ...event, data: { ...event.data, message: reviveMessageProps(event.data.message) } };
  return event;
}
