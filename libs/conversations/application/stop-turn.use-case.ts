import { Injectable } from '@nestjs/common';
import { DomainError, Message, messageNotFound } from '../domain';
import { ChatHistoryQueries } from './chat-history.queries';
import { ChatSettings } from './chat-settings';
import { TurnCoordination } from './ports/turn-coordination';
import { ServiceUnavailableError } from './service-unavailable.error';
import { TurnRegistry } from './turn-registry';

const STOP_RETRY_AFTER_S = 2;

/**
 * Stops a streaming answer wherever it runs and returns it as stored (cancelled, with the text
 * produced so far). A turn on another replica is reached through TurnCoordination.
 */
@Injectable()
export class StopTurnUseCase {
  constructor(
    private readonly history: ChatHistoryQueries,
    private readonly registry: TurnRegistry,
    private readonly coordination: TurnCoordination,
    private readonly settings: ChatSettings,
  ) {}

  async execute(ownerId: string, conversationId: string, messageId: string): Promise<Message> {
    const found = await this.history.findAssistantMessage(ownerId, conversationId, messageId);
    if (!found) throw messageNotFound(messageId);
    if (found.message.isTerminal) return found.message;
    const run = this.registry.get(ownerId, messageId);
    if (run) {
      run.abort('stopped');
      return run.done;
    }
    if (this.coordination.shared) {
      await this.coordination.requestStop({ ownerId, messageId }).catch(() => {
        throw new ServiceUnavailableError(
          'stop_unavailable',
          `The stop for ${messageId} could not reach the server producing it (its coordination store is down); the answer goes on: retry`,
          STOP_RETRY_AFTER_S,
        );
      });
      const stopped = await this.history.waitForFinish(
        found.message,
        Math.max(5000, this.settings.leaseMs),
      );
      if (stopped.isTerminal) return stopped;
    }
    throw new DomainError(
      'conflict',
      'turn_in_progress',
      `The answer ${messageId} is being produced by a server this one cannot reach; retry shortly`,
      {
        messageId,
      },
    );
  }
}
