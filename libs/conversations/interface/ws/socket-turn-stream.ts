import { Injectable } from '@nestjs/common';
import { ChatHistoryQueries } from '../../application/chat-history.queries';
import {
  FollowInterruptedError,
  TurnCoordination,
  TurnLogGapError,
} from '../../application/ports/turn-coordination';
import { isTerminalEvent, TurnEvent } from '../../application/turn-events';
import { TurnRun } from '../../application/turn-run';
import { Message } from '../../domain';
import { finalEvent, STREAM_UNAVAILABLE, toWire } from '../http/turn-responder';
import { SocketSession } from './socket-session';

/**
 * A turn's events onto a socket, from the same sources as the SSE routes: the run of this process
 * (its log, then live events), else the turn's shared log, else the stored message standing for
 * the whole turn. `afterEventId` skips what the client already holds.
 */
@Injectable()
export class SocketTurnStream {
  constructor(
    private readonly coordination: TurnCoordination,
    private readonly history: ChatHistoryQueries,
  ) {}

  async follow(
    session: SocketSession,
    run: TurnRun | undefined,
    message: Message,
    afterEventId: number,
  ): Promise<void> {
    const { conversationId, id: messageId } = message.toJSON();
    const send = (event: TurnEvent) => session.sendEvent(conversationId, messageId, toWire(event));
    if (run) return this.followRun(session, run, send, afterEventId);
    const signal = session.closed.signal;
    const shared = await this.replayShared(messageId, afterEventId, send, signal);
    if (shared === 'ended' || signal.aborted) return;
    if (shared === 'interrupted') {
      session.sendEvent(conversationId, messageId, STREAM_UNAVAILABLE);
      return;
    }
    // No shared log: the stored message stands for the whole turn.
    const settled = message.isTerminal
      ? message
      : await this.history.waitForFinish(message, undefined, signal);
    if (!signal.aborted) send(finalEvent(settled));
  }

  private followRun(
    session: SocketSession,
    run: TurnRun,
    send: (event: TurnEvent) => void,
    afterEventId: number,
  ): void {
    // The replay may reach the terminal event before subscribe returns its unsubscribe.
    const subscription: { unsubscribe?: () => void } = {};
    const stop = () => {
      subscription.unsubscribe?.();
      session.follows.delete(stop);
    };
    session.follows.add(stop);
    subscription.unsubscribe = run.subscribe((event) => {
      send(event);
      if (isTerminalEvent(event)) stop();
    }, afterEventId);
    if (run.finished) stop();
  }

  /**
   * The shared log read from its start (only it tells whether the client holds the terminal
   * event): 'ended' once the terminal event went by, 'absent' when nothing was sent, 'interrupted'
   * when the log broke off after events were sent.
   */
  private async replayShared(
    messageId: string,
    afterEventId: number,
    send: (event: TurnEvent) => void,
    signal: AbortSignal,
  ): Promise<'ended' | 'absent' | 'interrupted'> {
    let sent = false;
    try {
      const events = await this.coordination.follow(messageId, -1, signal);
      if (!events) return 'absent';
      for await (const event of events) {
        if (event.id > afterEventId) {
          send(event);
          sent = true;
        }
        if (isTerminalEvent(event)) return 'ended';
      }
      if (signal.aborted) return 'ended';
      return sent ? 'interrupted' : 'absent';
    } catch (error) {
      if (error instanceof TurnLogGapError) return sent ? 'interrupted' : 'absent';
      if (error instanceof FollowInterruptedError) return 'interrupted';
      throw error;
    }
  }
}
