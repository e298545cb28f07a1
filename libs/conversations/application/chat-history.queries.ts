import { Injectable } from '@nestjs/common';
import { Message } from '../domain';
import { TurnPage, TurnRepository } from './ports/turn.repository';
import { TurnRegistry } from './turn-registry';
import { TurnRun } from './turn-run';

/** Reads for the seed-compatible history endpoints and re-attaching to a turn. */
@Injectable()
export class ChatHistoryQueries {
  constructor(
    private readonly turns: TurnRepository,
    private readonly registry: TurnRegistry,
  ) {}

  listTurns(query: {
    ownerId: string;
    conversationId?: string;
    messageRef?: string;
    limit: number;
    offset: number;
  }): Promise<TurnPage> {
    return this.turns.listTurns(query);
  }

  async findAssistantMessage(
    ownerId: string,
    conversationId: string,
    messageId: string,
  ): Promise<{ message: Message; run?: TurnRun } | null> {
    const message = await this.turns.findMessage(ownerId, conversationId, messageId);
    if (!message || message.role !== 'assistant') return null;
    return { message, run: this.registry.get(ownerId, messageId) };
  }
}
