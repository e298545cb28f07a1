import { EMULATOR_FAULT_KINDS } from './emulator-fault.injector';
import { ContractFaultInjector } from './llm-contract.helpers';
import { OpenAiFake } from '../../apps/bedrock-emulator/openai-fake.types';
import { EmulatorFault } from '../../apps/bedrock-emulator/bedrock-emulator.types';

/** Event-stream framing faults: the OpenAI wire is SSE, which has no frames to break that way. */
const BEDROCK_ONLY: readonly EmulatorFault['kind'][] = ['zero-length-frame'];

/** The emulator's fault kinds the fake OpenAI-compatible server plays. */
export const OPENAI_FAKE_FAULT_KINDS = EMULATOR_FAULT_KINDS.filter(
  (kind) => !BEDROCK_ONLY.includes(kind),
);

/** Plays contract faults on the fake OpenAI-compatible server. */
export function openAiFakeFaultInjector(fake: OpenAiFake): ContractFaultInjector {
  return {
    supports: (kind) => OPENAI_FAKE_FAULT_KINDS.includes(kind),
    inject: (fault, options = {}) =>
      fake.script({ fault, model: options.model, times: options.times ?? 1 }),
    calls: () => fake.requests.length,
    waitForUpstreamClose: async () => {
      await fake.waitForClientClose(undefined, 5000);
    },
    forceStopReason: (raw) => fake.configure({ stopReason: raw }),
    reset: () => fake.reset(),
  };
}
