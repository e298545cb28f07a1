import { EmbedRequest, EmbedResult, LlmClient, LlmEvent, LlmRequest, LlmResult } from '@app/llm';
import { abortedError, sleep } from '@app/llm/internal/abort';

/** One scripted answer of FakeLlmClient. */
export type FakeStep =
  /** generate rejects; a stream rejects before its first event. */
  | { fail: Error }
  /** Success: generate resolves, a stream yields start, one delta per word, finish. */
  | { text: string }
  /** A stream yields these events (each after `delayMs`), then ends or hangs until aborted. */
  | { events: LlmEvent[]; delayMs?: number; thenHang?: boolean }
  /** Waits until the signal aborts, then rejects with LlmAbortedError. */
  | { hang: true }
  /** Never settles, ignoring the signal (a misbehaving adapter). */
  | { hangIgnoringAbort: true };

export interface FakeCall {
  operation: 'generate' | 'stream' | 'embed';
  model: string;
  signal?: AbortSignal;
}

/** A scripted LlmClient for wrapper tests: steps are consumed in order, then `fallback`. */
export class FakeLlmClient extends LlmClient {
  readonly provider = 'fake';
  readonly calls: FakeCall[] = [];

  constructor(
    private readonly steps: FakeStep[] = [],
    private readonly fallback: FakeStep = { text: 'fake answer' },
  ) {
    super();
  }

  private next(operation: FakeCall['operation'], model: string, signal?: AbortSignal): FakeStep {
    this.calls.push({ operation, model, signal });
    return this.steps.shift() ?? this.fallback;
  }

  async generate(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    const step = this.next('generate', request.model, signal);
    await this.wait(step, signal);
    if ('fail' in step) throw step.fail;
    if (!('text' in step)) throw new Error('FakeLlmClient: stream-only step used by generate');
    return {
      text: step.text,
      model: request.model,
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      stopReason: { unified: 'end', raw: 'end_turn' },
    };
  }

  async *stream(request: LlmRequest, signal?: AbortSignal): AsyncGenerator<LlmEvent> {
    const step = this.next('stream', request.model, signal);
    await this.wait(step, signal);
    if ('fail' in step) throw step.fail;
    if ('events' in step) {
      for (const event of step.events) {
        if (step.delayMs) {
          try {
            await sleep(step.delayMs, signal);
          } catch {
            yield { type: 'error', error: abortedError(signal) };
            return;
          }
        }
        yield event;
      }
      if (step.thenHang) {
        try {
          await sleep(2 ** 31 - 1, signal);
        } catch {
          yield { type: 'error', error: abortedError(signal) };
        }
      }
      return;
    }
    if (!('text' in step)) return;
    yield { type: 'start', model: request.model };
    for (const word of step.text.split(' ')) yield { type: 'text-delta', text: word };
    yield { type: 'finish', usage: {}, stopReason: { unified: 'end', raw: 'end_turn' } };
  }

  override async embed(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult> {
    const step = this.next('embed', request.model, signal);
    await this.wait(step, signal);
    if ('fail' in step) throw step.fail;
    const embeddings = request.texts.map(() => [1, 0]);
    return { model: request.model, embeddings, dimensions: 2, usage: {} };
  }

  private async wait(step: FakeStep, signal?: AbortSignal): Promise<void> {
    if ('hang' in step) await sleep(2 ** 31 - 1, signal);
    if ('hangIgnoringAbort' in step) await new Promise<never>(() => undefined);
  }
}
