import {
  mapBedrockError,
  LlmError,
  LlmThrottledError,
  MockCall,
  MockFault,
  unifyStopReason,
} from '@app/llm';
import { EmulatorFault } from '../../apps/bedrock-emulator/bedrock-emulator.types';
import { ContractFaultInjector } from './llm-contract.helpers';

const KINDS: readonly EmulatorFault['kind'][] = [
  'throttle',
  'error',
  'delay',
  'hang',
  'mid-stream-exception',
];

/** The mock's equivalent of a provider exception class (same mapping as Bedrock's). */
function errorFor(type: string, message?: string): LlmError {
  const upper = type.charAt(0).toUpperCase() + type.slice(1);
  return mapBedrockError(Object.assign(new Error(message ?? upper), { name: upper }));
}

function toMockFault(fault: EmulatorFault): MockFault {
  switch (fault.kind) {
    case 'throttle': {
      const after = fault.retryAfterSeconds;
      const error = new LlmThrottledError(
        'Mock throttling',
        after === undefined ? undefined : after * 1000,
        'mock',
      );
      return { kind: 'error', error };
    }
    case 'error':
      return { kind: 'error', error: errorFor(fault.type, fault.message) };
    case 'delay':
      return {
        kind: 'slow',
        firstDelayMs: fault.firstByteDelayMs ?? 0,
        chunkDelayMs: fault.chunkDelayMs ?? 0,
      };
    case 'hang':
      return { kind: 'hang' };
    case 'mid-stream-exception':
      return {
        kind: 'fail-mid-stream',
        afterChunks: fault.afterChunks,
        error: errorFor(fault.type ?? 'throttlingException'),
      };
    default:
      throw new Error(`The mock cannot play the ${fault.kind} fault`);
  }
}

interface Scheduled {
  fault: MockFault;
  model?: string;
  remaining: number;
}

/**
 * Plays contract faults through MockLlmClient's `faults` hook: pass `injector.hook` as the
 * mock's `faults` option. Counts calls and watches their abort signals.
 */
export class MockFaultInjector implements ContractFaultInjector {
  private scheduled: Scheduled[] = [];
  private stopReason?: string;
  private seen: MockCall[] = [];

  readonly hook = (call: MockCall): MockFault | undefined => {
    this.seen.push(call);
    const match = this.scheduled.find(
      (s) => s.remaining > 0 && (s.model === undefined || s.model === call.model),
    );
    if (match) {
      match.remaining -= 1;
      return match.fault;
    }
    if (this.stopReason)
      return { kind: 'stop-reason', stopReason: unifyStopReason(this.stopReason) };
    return undefined;
  };

  supports(kind: EmulatorFault['kind']): boolean {
    return KINDS.includes(kind);
  }

  inject(fault: EmulatorFault, options: { model?: string; times?: number } = {}): void {
    this.scheduled.push({
      fault: toMockFault(fault),
      model: options.model,
      remaining: options.times ?? 1,
    });
  }

  calls(): number {
    return this.seen.length;
  }

  waitForUpstreamClose(): Promise<void> {
    const signal = this.seen.at(-1)?.signal;
    if (!signal) return Promise.reject(new Error('The last mock call had no signal to abort'));
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  }

  forceStopReason(raw: string): void {
    this.stopReason = raw;
  }

  reset(): void {
    this.scheduled = [];
    this.seen = [];
    this.stopReason = undefined;
  }
}
