/// <reference types="jest" />
// Test-only code (uses jest globals); the app build compiles it, nothing at run time loads it.
import {
  LlmAuthError,
  LlmBadRequestError,
  LlmError,
  LlmThrottledError,
  LlmTimeoutError,
  LlmUnavailableError,
  DeadlineLlmClient,
  FallbackLlmClient,
  RetryingLlmClient,
} from '@app/llm';
import { EmulatorFault } from '../../apps/bedrock-emulator/bedrock-emulator.types';
import {
  ask,
  collect,
  CONTRACT_FALLBACK_MODEL,
  ContractContext,
  ContractFaultInjector,
  lastError,
  rejection,
  typesOf,
} from './llm-contract.helpers';

type ErrorClass = abstract new (...args: never[]) => LlmError;

/** Bedrock exception class -> the port's error class (and whether a retry may pass). */
const ERROR_TABLE: [type: string, error: ErrorClass, retryable: boolean][] = [
  ['ThrottlingException', LlmThrottledError, true],
  ['ServiceQuotaExceededException', LlmThrottledError, true],
  ['ServiceUnavailableException', LlmUnavailableError, true],
  ['ModelNotReadyException', LlmUnavailableError, true],
  ['InternalServerException', LlmUnavailableError, true],
  ['ModelTimeoutException', LlmTimeoutError, true],
  ['ValidationException', LlmBadRequestError, false],
  ['ResourceNotFoundException', LlmBadRequestError, false],
  ['AccessDeniedException', LlmAuthError, false],
];

/** The fault cases; only the kinds in `kinds` are defined for this adapter. */
export function describeFaultContract(
  ctx: ContractContext,
  kinds: readonly EmulatorFault['kind'][],
): void {
  const has = (kind: EmulatorFault['kind']): boolean => kinds.includes(kind);
  const model = (): string => ctx.setup.model;
  const faults = (): ContractFaultInjector => ctx.setup.faults!;
  const prompt = 'one two three four five six seven eight';

  /** generate rejects and the stream rejects before its first event, with the same class. */
  async function expectEarlyFailure(fault: EmulatorFault, type: ErrorClass): Promise<LlmError> {
    faults().inject(fault, { times: 2 });
    const error = await rejection(ctx.setup.client.generate(ask(model(), prompt)), type);
    const { events, thrown } = await collect(ctx.setup.client.stream(ask(model(), prompt)));
    expect(events).toEqual([]);
    expect(thrown).toBeInstanceOf(type);
    return error;
  }

  /** The stream starts, delivers `deltas` text deltas, then ends with an error event. */
  async function expectMidStreamFailure(
    fault: EmulatorFault,
    deltas: number,
    type: ErrorClass,
  ): Promise<void> {
    faults().inject(fault);
    const { events, thrown } = await collect(ctx.setup.client.stream(ask(model(), prompt)));
    expect(thrown).toBeUndefined();
    expect(typesOf(events)).toEqual([
      'start',
      ...Array<string>(deltas).fill('text-delta'),
      'error',
    ]);
    expect(lastError(events)).toBeInstanceOf(type);
  }

  if (has('error')) {
    describe('maps each provider error to the port', () => {
      const cases = ERROR_TABLE.map(
        ([type, errorClass, retryable]) => [type, errorClass.name, errorClass, retryable] as const,
      );
      it.each(cases)('%s -> %s', async (type, _name, errorClass, retryable) => {
        const error = await expectEarlyFailure({ kind: 'error', type }, errorClass);
        expect(error.retryable).toBe(retryable);
      });
    });
  }

  if (has('throttle')) {
    it('throttling carries the retry-after hint', async () => {
      const error = await expectEarlyFailure(
        { kind: 'throttle', retryAfterSeconds: 2 },
        LlmThrottledError,
      );
      expect((error as LlmThrottledError).retryAfterMs).toBe(2000);
    });
  }

  if (has('html-502')) {
    it('an HTML 502 from a proxy is LlmUnavailableError', async () => {
      await expectEarlyFailure({ kind: 'html-502' }, LlmUnavailableError);
    });
  }

  if (has('drop-connection')) {
    it('a connection dropped before the answer is LlmUnavailableError', async () => {
      await expectEarlyFailure({ kind: 'drop-connection' }, LlmUnavailableError);
    });
    it('a connection dropped mid-stream ends the stream with an error event', async () => {
      await expectMidStreamFailure(
        { kind: 'drop-connection', afterChunks: 2 },
        2,
        LlmUnavailableError,
      );
    });
  }

  if (has('malformed-frame')) {
    it('a malformed frame ends the stream with an error event', async () => {
      await expectMidStreamFailure(
        { kind: 'malformed-frame', afterChunks: 2 },
        2,
        LlmUnavailableError,
      );
    });
  }

  if (has('zero-length-frame')) {
    it('a zero-length frame ends the stream with one error event, before the timeout', async () => {
      faults().inject({ kind: 'zero-length-frame', afterChunks: 2 });
      // The emulator leaves the connection open: a reader waiting for the frame would time out.
      const bounded = new DeadlineLlmClient(ctx.setup.client, { timeoutMs: 5000 });
      const { events, thrown } = await collect(bounded.stream(ask(model(), prompt)));
      expect(thrown).toBeUndefined();
      expect(typesOf(events)).toEqual(['start', 'text-delta', 'text-delta', 'error']);
      expect(lastError(events)).toBeInstanceOf(LlmUnavailableError);
    });
  }

  if (has('truncated-stream')) {
    it('a stream ending without messageStop and metadata ends with an error event', async () => {
      await expectMidStreamFailure(
        { kind: 'truncated-stream', afterChunks: 3 },
        3,
        LlmUnavailableError,
      );
    });
  }

  if (has('mid-stream-exception')) {
    it('a mid-stream exception arrives as an error event after the deltas', async () => {
      await expectMidStreamFailure(
        { kind: 'mid-stream-exception', afterChunks: 2 },
        2,
        LlmThrottledError,
      );
    });
  }

  if (has('hang')) {
    describe('per-attempt timeout on a hung upstream', () => {
      const bounded = (): DeadlineLlmClient =>
        new DeadlineLlmClient(ctx.setup.client, { timeoutMs: 300 });
      it('generate fails with LlmTimeoutError and the upstream call is closed', async () => {
        faults().inject({ kind: 'hang' });
        await rejection(bounded().generate(ask(model(), prompt)), LlmTimeoutError);
        await faults().waitForUpstreamClose();
      });
      it('a stream rejects with LlmTimeoutError and the upstream call is closed', async () => {
        faults().inject({ kind: 'hang' });
        const { events, thrown } = await collect(bounded().stream(ask(model(), prompt)));
        expect(events).toEqual([]);
        expect(thrown).toBeInstanceOf(LlmTimeoutError);
        await faults().waitForUpstreamClose();
      });
    });
  }

  if (has('delay')) {
    it('a stall between chunks ends the stream with one LlmTimeoutError event', async () => {
      faults().inject({ kind: 'delay', firstByteDelayMs: 0, chunkDelayMs: 5000 });
      const bounded = new DeadlineLlmClient(ctx.setup.client, { timeoutMs: 300 });
      const { events, thrown } = await collect(bounded.stream(ask(model(), prompt)));
      expect(thrown).toBeUndefined();
      expect(events[0]?.type).toBe('start');
      expect(typesOf(events).filter((type) => type === 'error')).toEqual(['error']);
      expect(events.at(-1)?.type).toBe('error');
      expect(lastError(events)).toBeInstanceOf(LlmTimeoutError);
      await faults().waitForUpstreamClose();
    });
  }

  if (has('throttle') && has('mid-stream-exception')) {
    describe('retries', () => {
      const retrying = (): RetryingLlmClient =>
        new RetryingLlmClient(ctx.setup.client, { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 });
      it('retries a throttled generate: 2 throttles then success = 3 calls', async () => {
        faults().inject({ kind: 'throttle' }, { times: 2 });
        const result = await retrying().generate(ask(model(), prompt));
        expect(result.text.length).toBeGreaterThan(0);
        expect(faults().calls()).toBe(3);
      });
      it('retries a stream that failed before its first event', async () => {
        faults().inject({ kind: 'throttle' }, { times: 2 });
        const { events, thrown } = await collect(retrying().stream(ask(model(), prompt)));
        expect(thrown).toBeUndefined();
        expect(events.at(-1)?.type).toBe('finish');
        expect(faults().calls()).toBe(3);
      });
      it('never retries once a stream has delivered an event', async () => {
        faults().inject({ kind: 'mid-stream-exception', afterChunks: 1 }, { times: 3 });
        const { events } = await collect(retrying().stream(ask(model(), prompt)));
        expect(typesOf(events)).toEqual(['start', 'text-delta', 'error']);
        expect(lastError(events)).toBeInstanceOf(LlmThrottledError);
        expect(faults().calls()).toBe(1);
      });
      it('gives up after maxAttempts with the last error', async () => {
        faults().inject({ kind: 'throttle' }, { times: 5 });
        await rejection(retrying().generate(ask(model(), prompt)), LlmThrottledError);
        expect(faults().calls()).toBe(3);
      });
    });
  }

  if (has('throttle')) {
    describe('fallback models', () => {
      const fallback = (): FallbackLlmClient =>
        new FallbackLlmClient(ctx.setup.client, [CONTRACT_FALLBACK_MODEL]);
      it('a throttled model falls back to the next one; the result names it', async () => {
        faults().inject({ kind: 'throttle' }, { model: model(), times: Infinity });
        const result = await fallback().generate(ask(model(), prompt));
        expect(result.model).toBe(CONTRACT_FALLBACK_MODEL);
        expect(faults().calls()).toBe(2);
      });
      it('a throttled stream falls back before its first event; start names the model', async () => {
        faults().inject({ kind: 'throttle' }, { model: model(), times: Infinity });
        const { events } = await collect(fallback().stream(ask(model(), prompt)));
        expect(events[0]).toEqual({ type: 'start', model: CONTRACT_FALLBACK_MODEL });
        expect(events.at(-1)?.type).toBe('finish');
        expect(faults().calls()).toBe(2);
      });
    });
  }
}
