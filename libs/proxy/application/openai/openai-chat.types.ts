/**
 * The body of `POST /v1/chat/completions` as OpenAI documents it (the fields this service
 * takes). Shapes only: `chatCompletionProblems` checks a body, `toChatLlmRequest` maps it.
 */
export type OpenAiRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export interface OpenAiTextPart {
  type: 'text';
  text: string;
}

export interface OpenAiImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export type OpenAiContent = string | (OpenAiTextPart | OpenAiImagePart)[];

export interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAiMessage {
  role: OpenAiRole;
  content?: OpenAiContent | null;
  name?: string;
  tool_calls?: OpenAiToolCall[];
  tool_call_id?: string;
}

export interface OpenAiTool {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters?: Record<string, unknown>;
    strict?: boolean | null;
  };
}

export type OpenAiToolChoice =
  'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export interface OpenAiChatBody {
  model: string;
  messages: OpenAiMessage[];
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  stop?: string | string[] | null;
  n?: number | null;
  user?: string;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  tools?: OpenAiTool[];
  tool_choice?: OpenAiToolChoice;
}

/** finish_reason values of a choice. */
export type OpenAiFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';
