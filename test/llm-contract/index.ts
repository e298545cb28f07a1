// The LLM adapter contract suite and its fault injectors (test code: never imported by the app).
export { EMULATOR_FAULT_KINDS, emulatorFaultInjector } from './emulator-fault.injector';
export { MockFaultInjector } from './mock-fault.injector';
export type {
  ContractCapabilities,
  ContractFaultInjector,
  ContractSetup,
} from './llm-contract.helpers';
export { describeLlmContract } from './llm-contract';
export { FakeLlmClient } from './fake.llm-client';
export type { FakeStep } from './fake.llm-client';
export { OPENAI_FAKE_FAULT_KINDS, openAiFakeFaultInjector } from './openai-fake-fault.injector';
