import { BedrockEmulator, EmulatorFault } from '../../apps/bedrock-emulator/bedrock-emulator.types';
import { ContractFaultInjector } from './llm-contract.helpers';

const ALL_KINDS: readonly EmulatorFault['kind'][] = [
  'throttle',
  'error',
  'delay',
  'hang',
  'mid-stream-exception',
  'drop-connection',
  'malformed-frame',
  'zero-length-frame',
  'truncated-stream',
  'html-502',
];

/** Every fault the Bedrock emulator can play. */
export const EMULATOR_FAULT_KINDS = ALL_KINDS;

/** Plays contract faults on the Bedrock wire emulator. */
export function emulatorFaultInjector(emulator: BedrockEmulator): ContractFaultInjector {
  return {
    supports: (kind) => ALL_KINDS.includes(kind),
    inject: (fault, options = {}) =>
      emulator.script({ fault, modelId: options.model, times: options.times ?? 1 }),
    calls: () => emulator.requests.length,
    waitForUpstreamClose: async () => {
      await emulator.waitForClientClose(undefined, 5000);
    },
    forceStopReason: (raw) => emulator.configure({ stopReason: raw }),
    reset: () => emulator.reset(),
  };
}
