import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { HttpProblem, RequestWithContext } from '@app/platform';
import { ChatSettings } from '../../application/chat-settings';
import { SendMessageResult } from '../../application/send-message.use-case';
import { isTerminalEvent, TurnEvent } from '../../application/turn-events';
import { TurnRun } from '../../application/turn-run';
import { Message } from '../../domain';
import { presentMessage } from './presenters';
import { SseWriter, WireEvent } from './sse-writer';

/** Answers a turn over HTTP: whole (JSON, once stored) or as Server-Sent Events. */
@Injectable()
export class TurnResponder {
  constructor(private readonly settings: ChatSettings) {}

  wantsStream(req: RequestWithContext): boolean {
    const stream = req.query?.stream;
    if (stream === 'true' || stream === '1') return true;
    return (req.header('accept') ?? '').includes('text/event-stream');
  }

  /** Waits for the stored answer. A provider failure is rethrown (the turn is already stored as failed). */
  async awaitAnswer(
    result: SendMessageResult,
    req: RequestWithContext,
    res: Response,
  ): Promise<Message> {
    const { run, turn } = result;
    if (!run) {
      if (!turn.assistantMessage.isTerminal) throw turnInProgress(turn.assistantMessage.id);
      return turn.assistantMessage;
    }
    if (result.kind === 'started' && this.settings.onDisconnect === 'abort') {
      res.once('close', () => {
        if (!res.writableEnded) run.abort('client_disconnected');
      });
    }
    const message = await run.done;
    this.noteForAccessLog(req, message);
    if (message.status === 'failed' && run.failure && result.kind === 'started') throw run.failure;
    return message;
  }

  /** Streams the turn's events; a replayed turn is re-attached, a finished one is summarised in one event. */
  stream(
    result: SendMessageResult,
    req: RequestWithContext,
    res: Response,
    afterEventId = -1,
  ): void {
    const writer = new SseWriter(res, this.settings.heartbeatMs);
    if (!result.run) {
      writer.send(toWire(finalEvent(result.turn.assistantMessage)));
      writer.end();
      return;
    }
    this.follow(result.run, writer, req, res, afterEventId, result.kind === 'started');
  }

  /** Re-attach to a turn: its run here, or the stored message once it is finished. */
  attach(
    run: TurnRun | undefined,
    message: Message,
    req: RequestWithContext,
    res: Response,
    afterEventId: number,
  ): void {
    if (!run && !message.isTerminal) throw turnInProgress(message.id);
    const writer = new SseWriter(res, this.settings.heartbeatMs);
    if (!run) {
      writer.send(toWire(finalEvent(message)));
      writer.end();
      return;
    }
    this.follow(run, writer, req, res, afterEventId, false);
  }

  private follow(
    run: TurnRun,
    writer: SseWriter,
    req: RequestWithContext,
    res: Response,
    afterEventId: number,
    owner: boolean,
  ): void {
    const unsubscribe = run.subscribe((event: TurnEvent) => {
      writer.send(toWire(event));
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

  private noteForAccessLog(req: RequestWithContext, message: Message): void {
    const m = message.toJSON();
    req.logFields = {
      ...req.logFields,
      model: m.model,
      inputTokens: m.inputTokens,
      outputTokens: m.outputTokens,
      stopReason: m.stopReason,
      turnStatus: m.status,
    };
  }
}

/** Events carry domain snapshots; clients get the same message shape as the REST API. */
function toWire(event: TurnEvent): WireEvent {
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

/** The one event standing for a finished turn whose event log is gone. */
function finalEvent(message: Message): TurnEvent {
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
    message: 'The turn has not finished yet',
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

function turnInProgress(messageId: string): HttpProblem {
  return new HttpProblem(
    409,
    'turn_in_progress',
    `The answer ${messageId} is still being produced by another server; retry shortly`,
    { messageId },
  );
}
