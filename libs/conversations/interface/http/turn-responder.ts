import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import {
  addLogFields,
  closeSignal,
  headerOf,
  type HttpReply,
  Metrics,
  type RequestWithContext,
} from '@app/platform';
import { ChatHistoryQueries } from '../../application/chat-history.queries';
import { ChatSettings } from '../../application/chat-settings';
import {
  FollowInterruptedError,
  TurnCoordination,
  TurnLogGapError,
} from '../../application/ports/turn-coordination';
import { SendMessageResult } from '../../application/send-message.use-case';
import { isTerminalEvent, TurnEvent } from '../../application/turn-events';
import { TurnRun } from '../../application/turn-run';
import { Message } from '../../domain';
import { TurnDto } from './dto/message.dto';
import { presentConversation, presentMessage } from './presenters';
import { ReattachStream } from './reattach-stream';
import { SseWriter, WireEvent } from './sse-writer';

/** Answers a turn over HTTP: whole (JSON, once stored) or as Server-Sent Events, from any replica. */
@Injectable()
export class TurnResponder {
  constructor(
    private readonly settings: ChatSettings,
    private readonly history: ChatHistoryQueries,
    private readonly coordination: TurnCoordination,
    private readonly metrics: Metrics,
  ) {}

  wantsStream(req: RequestWithContext): boolean {
    const stream = (req.query as Record<string, unknown> | undefined)?.stream;
    if (stream === 'true' || stream === '1') return true;
    return (headerOf(req, 'accept') ?? '').includes('text/event-stream');
  }

  /** JSON (201 for a new turn, 200 for a replayed one) or SSE, as the client asked. */
  async respond(
    result: SendMessageResult,
    req: RequestWithContext,
    reply: HttpReply,
  ): Promise<void> {
    if (this.wantsStream(req)) return this.stream(result, req, reply);
    const assistant = await this.awaitAnswer(result, req, reply);
    const turn: TurnDto = {
      conversation: presentConversation(result.turn.conversation),
      userMessage: presentMessage(result.turn.userMessage),
      assistantMessage: presentMessage(assistant),
      replayed: result.kind === 'replayed',
    };
    reply.status(result.kind === 'started' ? 201 : 200).json(turn);
  }

  /** Waits for the stored answer. A provider failure of a new turn is rethrown (the turn is already stored as failed). */
  async awaitAnswer(
    result: SendMessageResult,
    req: RequestWithContext,
    res: ServerResponse,
  ): Promise<Message> {
    const { run, turn } = result;
    const gone = closeSignal(res);
    if (!run) {
      const message = turn.assistantMessage.isTerminal
        ? turn.assistantMessage
        : await this.history.waitForFinish(turn.assistantMessage, undefined, gone);
      this.noteForAccessLog(req, message);
      return message;
    }
    if (result.kind === 'started' && this.settings.onDisconnect === 'abort') {
      gone.addEventListener('abort', () => run.abort('client_disconnected'), { once: true });
    }
    const message = await run.done;
    this.noteForAccessLog(req, message);
    // An answer is confirmed only once stored.
    if (run.storageFailure) throw run.storageFailure;
    if (message.status === 'failed' && run.failure && result.kind === 'started') throw run.failure;
    return message;
  }

  /** Streams a new turn, or re-attaches a resent one to wherever it runs. */
  stream(result: SendMessageResult, req: RequestWithContext, reply: HttpReply): Promise<void> {
    if (result.run && result.kind === 'started') {
      this.follow(result.run, this.openWriter(reply), req, reply, -1, true);
      return Promise.resolve();
    }
    return this.attach(result.run, result.turn.assistantMessage, req, reply, -1);
  }

  /**
   * Re-attach: the events after `afterEventId` then the live ones, from this process's run or the
   * shared log (204 when the client already has the terminal event); for a finished turn whose
   * log is gone, one event with the stored message.
   */
  async attach(
    run: TurnRun | undefined,
    message: Message,
    req: RequestWithContext,
    reply: HttpReply,
    afterEventId: number,
  ): Promise<void> {
    const res = reply;
    let writer: SseWriter | undefined;
    const stream = new ReattachStream(res, afterEventId, () => {
      const opened = this.openWriter(res);
      writer = opened;
      return { send: (event) => opened.send(toWire(event)), end: () => opened.end() };
    });
    if (run) return this.followFrom(run, stream, req, res);
    const gone = closeSignal(res);
    const shared = await this.replayShared(message.id, stream, gone, () => writer !== undefined);
    if (shared === 'interrupted') {
      stream.opened();
      await writer?.send(STREAM_UNAVAILABLE);
      return writer?.end();
    }
    if (shared === 'ended') return;
    // No shared log (expired, never written, or not continuing where it should): the stored
    // message stands for the whole turn.
    if (!message.isTerminal) {
      stream.opened();
      message = await this.history.waitForFinish(message, undefined, gone);
    }
    this.noteForAccessLog(req, message);
    stream.sendFinal(finalEvent(message));
  }

  /**
   * Offers the shared log's events, read from the start (whether the client already holds the
   * terminal event is known only from the log): 'ended' once the terminal event went by (or the
   * client left), 'absent' when nothing reached the client (no log, or a log with a gap),
   * 'interrupted' when the log could not be read to its end after events were sent.
   */
  private async replayShared(
    messageId: string,
    stream: ReattachStream,
    gone: AbortSignal,
    sentAny: () => boolean,
  ): Promise<'ended' | 'absent' | 'interrupted'> {
    try {
      const events = await this.coordination.follow(messageId, -1, gone);
      if (!events) return 'absent';
      for await (const event of events) if (stream.offer(event)) return 'ended';
      if (gone.aborted) return 'ended';
      return sentAny() ? 'interrupted' : 'absent';
    } catch (error) {
      if (error instanceof TurnLogGapError) return sentAny() ? 'interrupted' : 'absent';
      if (error instanceof FollowInterruptedError) return 'interrupted';
      throw error;
    }
  }

  private openWriter(res: ServerResponse): SseWriter {
    this.metrics.streamOpened();
    res.once('close', () => this.metrics.streamClosed());
    return new SseWriter(res, this.settings.heartbeatMs);
  }

  private follow(
    run: TurnRun,
    writer: SseWriter,
    req: RequestWithContext,
    res: ServerResponse,
    afterEventId: number,
    owner: boolean,
  ): void {
    const unsubscribe = run.subscribe((event: TurnEvent) => {
      // Pushed by the run as the model answers: the socket's buffer holds what it cannot take yet.
      void writer.send(toWire(event));
      if (isTerminalEvent(event)) writer.end();
    }, afterEventId);
    void run.done.then((message) => this.noteForAccessLog(req, message));
    res.once('close', () => {
      unsubscribe();
      // Only the connection that started the turn may cancel it; re-attached readers just leave.
      if (owner && !run.finished && this.settings.onDisconnect === 'abort')
        run.abort('client_disconnected');
    });
  }

  /** A re-attached reader of a run of this process: replay after its last event, then live ones. */
  private followFrom(
    run: TurnRun,
    stream: ReattachStream,
    req: RequestWithContext,
    res: ServerResponse,
  ): void {
    const unsubscribe = run.subscribe((event) => stream.offer(event), stream.afterEventId);
    if (run.finished) stream.end();
    else res.once('close', unsubscribe);
    void run.done.then((message) => this.noteForAccessLog(req, message));
  }

  private noteForAccessLog(req: RequestWithContext, message: Message): void {
    const m = message.toJSON();
    addLogFields(req, {
      model: m.model,
      inputTokens: m.inputTokens,
      outputTokens: m.outputTokens,
      stopReason: m.stopReason,
      turnStatus: m.status,
    });
  }
}

/** Events carry domain snapshots; clients get the same message shape as the REST API. */
export function toWire(event: TurnEvent): WireEvent {
  switch (event.type) {
    case 'message.start':
      return {
        ...event,
        data: {
          ...event.data,
          userMessage: presentMessage(Message.restore(event.data.userMessage)),
        },
      };
    case 'message.end':
      return {
        ...event,
        data: { ...event.data, message: presentMessage(Message.restore(event.data.message)) },
      };
    default:
      return event;
  }
}

/**
 * Sent, without an id (the client's Last-Event-ID stays where it was), when a follower cannot read
 * the turn's log to its end: the client re-attaches and gets the rest, or the stored message.
 */
export const STREAM_UNAVAILABLE: WireEvent = {
  type: 'error',
  data: {
    code: 'stream_unavailable',
    message: "The answer's event stream was interrupted; re-attach with Last-Event-ID to continue",
    retryable: true,
  },
};

/** The one event standing for a finished turn whose event log is gone. */
export function finalEvent(message: Message): TurnEvent {
  const m = message.toJSON();
  if (m.status === 'complete') {
    return {
      id: 0,
      type: 'message.end',
      data: {
        message: m,
        usage: { inputTokens: m.inputTokens, outputTokens: m.outputTokens },
        stopReason: m.stopReason,
      },
    };
  }
  const error = m.error ?? {
    code: 'turn_in_progress',
    message: 'The answer has not finished yet; re-attach to follow it',
    retryable: true,
  };
  return {
    id: 0,
    type: 'error',
    data: {
      code: error.code,
      message: error.message,
      retryable: error.retryable ?? false,
      messageId: m.id,
    },
  };
}
