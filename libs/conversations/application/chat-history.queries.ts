import { Injectable } from '@nestjs/common';
import { isTerminalStatus, Message } from '../domain';
import { ChatSettings } from './chat-settings';
import { ConversationReads, ListTurnsQuery, TurnPage } from './ports/conversation.reads';
import { TurnRepository } from './ports/turn.repository';
import { StaleTurns } from './stale-turns';
import { TurnRegistry } from './turn-registry';
import { TurnRun } from './turn-run';

const POLL_MS = 100;

/** Reads for the seed-compatible history endpoints and for re-attaching to a turn. */
@Injectable()
export class ChatHistoryQueries {
  constructor(
    private readonly reads: ConversationReads,
    private readonly turns: TurnRepository,
    private readonly registry: TurnRegistry,
    private readonly settings: ChatSettings,
    private readonly staleTurns: StaleTurns,
  ) {}

  async listTurns(query: ListTurnsQuery): Promise<TurnPage> {
    const page = await this.reads.listTurns(query);
    const unfinished = page.items.some(
      (turn) => turn.assistantMessage && !isTerminalStatus(turn.assistantMessage.status),
    );
    const scope = { ownerId: query.ownerId, conversationId: query.conversationId };
    // Only a page that shows unfinished answers pays for settling those a dead process left.
    if (unfinished && (await this.staleTurns.settle(scope)) > 0) {
      return this.reads.listTurns(query);
    }
    return page;
  }

  async findAssistantMessage(
    ownerId: string,
    conversationId: string,
    messageId: string,
  ): Promise<{ message: Message; run?: TurnRun } | null> {
    let message = await this.turns.findMessage(ownerId, conversationId, messageId);
    if (!message || message.role !== 'assistant') return null;
    if (!message.isTerminal && (await this.staleTurns.settle({ ownerId, conversationId })) > 0) {
      message = (await this.turns.findMessage(ownerId, conversationId, messageId)) ?? message;
    }
    return { message, run: this.registry.get(ownerId, messageId) };
  }

  /**
   * Waits for a turn another process runs to be stored as finished (or settled as interrupted once
   * its lease runs out). Bounded by `timeoutMs`; returns the message as it then is.
   */
  async waitForFinish(
    message: Message,
    timeoutMs = this.settings.turnDeadlineMs + this.settings.leaseMs,
    signal?: AbortSignal,
  ): Promise<Message> {
    const { ownerId, conversationId, id } = message.toJSON();
    const until = Date.now() + timeoutMs;
    let current = message;
    while (!current.isTerminal && Date.now() < until && !signal?.aborted) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      await this.staleTurns.settle({ ownerId, conversationId });
      current = (await this.turns.findMessage(ownerId, conversationId, id)) ?? current;
    }
    return current;
  }
}
