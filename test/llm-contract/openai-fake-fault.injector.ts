import { EMULATOR_FAULT_KINDS } from './emulator-fault.injector';
import { ContractFaultInjector } from './llm-contract.helpers';
import { OpenAiFake } from '../../apps/bedrock-emulator/openai-fake.types';

/** Plays contract faults on the fake OpenAI-compatible server (it plays every emulator kind). */
export function openAiFakeFaultInjector(fake: OpenAiFake): ContractFaultInjector {
  return {
    supports: (kind) => EMULATOR_FAULT_KINDS.includes(kind),
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
