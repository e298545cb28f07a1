import { Injectable } from '@nestjs/common';
import { LlmRequest } from '@app/llm';
import { activeBranch } from '../domain';
import { ChatSettings } from './chat-settings';
import { ConversationSummaries } from './conversation-summaries';
import { ConversationReads, MessageView } from './ports/conversation.reads';
import { StartedTurn } from './ports/turn.repository';
import { TurnRun } from './turn-run';
import { TurnRunner } from './turn-runner';

/** Starts the model call of a stored turn (a new message or a regeneration) and returns its run. */
@Injectable()
export class TurnLauncher {
  constructor(
    private readonly reads: ConversationReads,
    private readonly runner: TurnRunner,
    private readonly settings: ChatSettings,
    private readonly summaries: ConversationSummaries,
  ) {}

  async launch(ownerId: string, turn: StartedTurn, model: string): Promise<TurnRun> {
    const conversationId = turn.conversation.id;
    const run = new TurnRun(ownerId, conversationId, turn.assistantMessage.id);
    run.emit('message.start', {
      conversationId,
      userMessage: turn.userMessage.toJSON(),
      assistantMessageId: turn.assistantMessage.id,
      turnId: turn.assistantMessage.toJSON().turnId,
      model,
    });
    const { request, branch } = await this.buildRequest(ownerId, turn, model);
    this.runner.start(run, turn.assistantMessage, request);
    // Off the answer's path: once it is stored (and its stream ended), fold what no longer fits.
    void run.done.then((answer) => {
      if (answer.status === 'complete')
        return this.summaries.foldAfter(
          ownerId,
          conversationId,
          [...branch, answer.toJSON()],
          model,
        );
    });
    return run;
  }

  /**
   * The system prompt, the summary of the oldest turns if any, and the branch ending at the turn's
   * user message within the token budget.
   */
  private async buildRequest(
    ownerId: string,
    turn: StartedTurn,
    model: string,
  ): Promise<{ request: LlmRequest; branch: MessageView[] }> {
    // Read after the commit, not under the lock: concurrent sends to one conversation wait less.
    const { messages } = await this.reads.listMessages(ownerId, turn.conversation.id);
    const branch = activeBranch(messages, turn.userMessage.id);
    const context = await this.summaries.context(
      ownerId,
      turn.conversation.id,
      turn.conversation.toJSON().systemPrompt,
      branch,
    );
    const request: LlmRequest = {
      model,
      system: context.system,
      messages: context.messages,
      maxTokens: this.settings.maxTokens,
      temperature: this.settings.temperature,
    };
    return { request, branch };
  }
}
