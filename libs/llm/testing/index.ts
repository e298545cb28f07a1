// Test support for the LLM port: import from '@app/llm/testing' (never from production code).
export * from './bedrock-emulator';
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
export * from './openai-fake.server';
export { openAiFakeFaultInjector } from './openai-fake-fault.injector';
