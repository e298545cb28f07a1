import {
  contentText,
  LlmClient,
  LlmEvent,
  LlmRequest,
  LlmResult,
  LlmUnavailableError,
} from '@app/llm';
import { ChatSettings } from '../application/chat-settings';
import { ConversationSummaries } from '../application/conversation-summaries';
import { PriceTable } from '../domain';
import { Clock } from '../application/ports/clock';
import { IdGenerator } from '../application/ports/id-generator';
import { StaticModelPolicy } from '../application/ports/model-policy';
import { NoTurnAccounting } from '../application/ports/turn-accounting';
import { LocalTurnCoordination } from '../application/ports/turn-coordination';
import { TurnLauncher } from '../application/turn-launcher';
import { TurnRegistry } from '../application/turn-registry';
import { SendMessageUseCase } from '../application/send-message.use-case';
import { StaleTurns } from '../application/stale-turns';
import { TurnRunner } from '../application/turn-runner';
import { InMemoryConversationRepository } from './in-memory.conversation.repository';
import { InMemoryConversationReads, InMemoryTurnRepository } from './in-memory.reads';
import { InMemoryStore } from './in-memory.store';
import { InMemoryConversationSummaryRepository } from './in-memory.summary.repository';

export const DEFAULT_MODEL = 'default-model';
export const OTHER_MODEL = 'other-model';

export class FixedClock extends Clock {
  constructor(public current = new Date('2026-12-01T10:00:00.000Z')) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class SequentialIds extends IdGenerator {
  private n = 0;
  next(): string {
    this.n += 1;
    return `00000000-0000-7000-8000-${String(this.n).padStart(12, '0')}`;
  }
}

/**
 * Streams "Answer to <last question>" for turns, and answers summary calls (generate) with
 * "Summary #n"; remembers both. `failSummaries` makes summary calls fail.
 */
export class ScriptedLlm extends LlmClient {
  readonly provider = 'scripted';
  readonly requests: LlmRequest[] = [];
  readonly summaryRequests: LlmRequest[] = [];
  failSummaries = false;

  async generate(request: LlmRequest): Promise<LlmResult> {
    this.summaryRequests.push(request);
    if (this.failSummaries) throw new LlmUnavailableError('the model is unavailable');
    return {
      text: `Summary #${this.summaryRequests.length}`,
      model: request.model,
      usage: {},
      stopReason: { unified: 'end' },
    };
  }

  async *stream(request: LlmRequest): AsyncIterable<LlmEvent> {
    this.requests.push(request);
    yield { type: 'start', model: request.model };
    yield { type: 'text-delta', text: 'Answer to ' };
    yield {
      type: 'text-delta',
      text: contentText(request.messages[request.messages.length - 1].content),
    };
    yield {
      type: 'finish',
      usage: { inputTokens: 5, outputTokens: 3 },
      stopReason: { unified: 'end', raw: 'end_turn' },
    };
  }
}

export const SETTINGS: ChatSettings = {
  maxMessageChars: 1000,
  contextMaxTokens: 4000,
  summaries: true,
  maxTokens: 100,
  temperature: 0,
  onDisconnect: 'continue',
  heartbeatMs: 15000,
  providerName: 'scripted',
  defaultModel: DEFAULT_MODEL,
  allowedModels: [DEFAULT_MODEL, OTHER_MODEL],
  checkpointMs: 1000,
  leaseMs: 30000,
  logTtlSeconds: 60,
  turnDeadlineMs: 1000,
  modelPrices: {},
  monthlyCostLimitUsd: null,
};

/** The use cases' collaborators, all in memory (`settings` overrides the chat settings). */
export function inMemoryWorld(settings: Partial<ChatSettings> = {}) {
  const chat: ChatSettings = { ...SETTINGS, ...settings };
  const store = new InMemoryStore();
  const clock = new FixedClock();
  const conversations = new InMemoryConversationRepository(store);
  const reads = new InMemoryConversationReads(store);
  const turns = new InMemoryTurnRepository(store, () => clock.now());
  const registry = new TurnRegistry(SETTINGS);
  const llm = new ScriptedLlm();
  const accounting = new NoTurnAccounting();
  const runner = new TurnRunner(
    llm,
    turns,
    registry,
    clock,
    new LocalTurnCoordination(),
    accounting,
    new PriceTable({ [DEFAULT_MODEL]: { inputPer1k: 1, outputPer1k: 2 } }),
  );
  const summaryRows = new InMemoryConversationSummaryRepository();
  const summaries = new ConversationSummaries(llm, summaryRows, reads, chat, clock);
  const launcher = new TurnLauncher(reads, runner, chat, summaries);
  const staleTurns = new StaleTurns(turns, registry, SETTINGS);
  const models = new StaticModelPolicy(DEFAULT_MODEL, [DEFAULT_MODEL, OTHER_MODEL]);
  return {
    store,
    clock,
    conversations,
    reads,
    turns,
    registry,
    llm,
    accounting,
    launcher,
    staleTurns,
    summaries,
    summaryRows,
    models,
    ids: new SequentialIds(),
  };
}

/** The send use case over an in-memory world, as every use-case spec builds it. */
export function sendMessageUseCase(w: ReturnType<typeof inMemoryWorld>): SendMessageUseCase {
  return new SendMessageUseCase(
    w.conversations,
    w.launcher,
    w.registry,
    w.models,
    w.ids,
    w.clock,
    SETTINGS,
    w.accounting,
  );
}
