// The API's shapes the app uses (the DTOs of libs/conversations/interface/http). They move to
// the generated types of libs/client when it lands.

export type MessageStatus = 'pending' | 'streaming' | 'complete' | 'failed' | 'cancelled';

export interface Conversation {
  id: string;
  title: string | null;
  model: string | null;
  systemPrompt: string | null;
  messageCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationPage {
  items: Conversation[];
  total: number;
  nextCursor: string | null;
}

export interface MessageError {
  code: string;
  message: string;
  retryable?: boolean;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  parentId: string | null;
  role: 'user' | 'assistant' | 'system';
  content: string;
  status: MessageStatus;
  turnId: string;
  model: string | null;
  stopReason: string | null;
  usage: { inputTokens: number | null; outputTokens: number | null };
  error: MessageError | null;
  createdAt: string;
}

export interface ConversationWithMessages extends Conversation {
  messages: Message[];
}

export interface Models {
  provider: string;
  default: string;
  models: string[];
}

export interface UsageReport {
  from: string;
  to: string;
  totals: { answers: number; inputTokens: number; outputTokens: number };
}

/** The Server-Sent Events of a turn (README, streaming contract). */
export type TurnEvent =
  | {
      type: 'message.start';
      id: number;
      data: {
        conversationId: string;
        userMessage: Message;
        assistantMessageId: string;
        model: string;
      };
    }
  | { type: 'delta'; id: number; data: { text: string } }
  | { type: 'message.end'; id: number; data: { message: Message } }
  | {
      type: 'error';
      /** Absent on `stream_unavailable`: the client's Last-Event-ID stays where it was. */
      id: number | undefined;
      data: { code: string; message: string; retryable?: boolean; messageId?: string };
    };
