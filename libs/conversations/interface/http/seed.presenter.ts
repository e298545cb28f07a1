import { TurnView } from '../../application/ports/conversation.reads';
import { SeedTurnDto } from './dto/chat.dto';

/**
 * The seed's `bedrock_processed`: Bedrock itself produced a complete answer. False for the mock
 * and the OpenAI-compatible providers, whose answers a seed client must not take for Bedrock's.
 */
export function answeredByBedrock(status: string, providerName: string): boolean {
  return status === 'complete' && providerName === 'bedrock';
}

/** A turn in the seed's `chats` row shape (user_input, bedrock_response, chat_metadata). */
export function presentSeedTurn(turn: TurnView, userId: string, providerName: string): SeedTurnDto {
  const u = turn.userMessage;
  const a = turn.assistantMessage;
  const messageUid = u.clientMessageId ?? u.id;
  return {
    chat_id: turn.conversationId,
    message_uid: messageUid,
    response_session_id: u.turnId,
    user_input: u.content,
    bedrock_response: a ? a.content : null,
    status: a?.status ?? 'pending',
    chat_metadata: {
      question: u.content,
      bedrock_processed: a ? answeredByBedrock(a.status, providerName) : false,
      chat_id: turn.conversationId,
      message_uid: messageUid,
      response_session_id: u.turnId,
      user_id: userId,
      timestamp: (a?.updatedAt ?? u.createdAt).toISOString(),
      model: a?.model ?? null,
      usage: a ? { input_tokens: a.inputTokens, output_tokens: a.outputTokens } : null,
      ...(a?.error ? { error: a.error } : {}),
    },
    created_at: u.createdAt.toISOString(),
    updated_at: (a?.updatedAt ?? u.updatedAt).toISOString(),
  };
}
