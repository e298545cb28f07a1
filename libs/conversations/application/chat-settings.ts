/** Chat behaviour taken from configuration (see apps/api/config/env.schema.ts). */
export abstract class ChatSettings {
  abstract readonly maxMessageChars: number;
  abstract readonly contextMaxTokens: number;
  abstract readonly maxTokens: number;
  abstract readonly temperature: number;
  abstract readonly onDisconnect: 'continue' | 'abort';
  abstract readonly heartbeatMs: number;
  abstract readonly providerName: string;
}
