/**
 * The Anthropic Messages body the proxy accepts (as Bedrock's InvokeModel takes it), and its
 * validation: every problem is reported, each with the path of the field at fault.
 */
export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  [key: string]: unknown;
}

export type AnthropicContent = string | AnthropicTextBlock[];

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicContent;
}

export interface AnthropicPayload {
  anthropic_version?: string;
  messages: AnthropicMessage[];
  system?: AnthropicContent;
  max_tokens: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
}

/** The version Bedrock requires; added when a payload has none. */
export const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

export const PAYLOAD_FIELDS = [
  'anthropic_version',
  'messages',
  'system',
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
] as const;

const HINTS: Record<string, string> = {
  model: 'set the model at the top level of the request, next to "mode"',
  stream: 'set "stream" at the top level of the request, next to "mode"',
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/** Checks string-or-text-blocks content at `path`; pushes problems into `errors`. */
function checkContent(value: unknown, path: string, errors: string[], optional = false): void {
  if (typeof value === 'string') {
    if (!value.trim() && !optional) errors.push(`${path} must not be empty`);
    return;
  }
  if (!Array.isArray(value)) {
    errors.push(`${path} must be a string or an array of text blocks, not ${describe(value)}`);
    return;
  }
  if (value.length === 0 && !optional) errors.push(`${path} must not be an empty array`);
  value.forEach((block, j) => {
    const at = `${path}[${j}]`;
    if (!isObject(block)) errors.push(`${at} must be a content block object`);
    else if (block.type !== 'text') {
      errors.push(`${at}.type ${JSON.stringify(block.type)} is not supported: only "text" blocks`);
    } else if (typeof block.text !== 'string' || !block.text.trim()) {
      errors.push(`${at}.text must be a non-empty string`);
    }
  });
}

function checkMessages(value: unknown, errors: string[]): void {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push('payload.messages must be a non-empty array of {role, content}');
    return;
  }
  value.forEach((message, i) => {
    const at = `payload.messages[${i}]`;
    if (!isObject(message)) {
      errors.push(`${at} must be an object {role, content}`);
      return;
    }
    if (message.role !== 'user' && message.role !== 'assistant') {
      const hint = message.role === 'system' ? ' (put system prompts in payload.system)' : '';
      errors.push(`${at}.role must be "user" or "assistant"${hint}`);
    } else if (i === 0 && message.role !== 'user') {
      errors.push('payload.messages[0].role must be "user": a conversation starts with the user');
    }
    checkContent(message.content, `${at}.content`, errors);
  });
}

function checkNumber(
  payload: Json,
  key: string,
  errors: string[],
  range: { min: number; max: number; integer?: boolean },
): void {
  const value = payload[key];
  if (value === undefined) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!range.integer || Number.isInteger(value)) &&
    value >= range.min &&
    value <= range.max;
  if (!ok) {
    const kind = range.integer ? 'an integer' : 'a number';
    errors.push(`payload.${key} must be ${kind} from ${range.min} to ${range.max}`);
  }
}

/** The problems of `payload` (empty when it is a valid body). */
export function payloadProblems(payload: unknown, maxTokensLimit: number): string[] {
  if (!isObject(payload)) return [`payload must be an object, not ${describe(payload)}`];
  const errors: string[] = [];
  for (const key of Object.keys(payload)) {
    if ((PAYLOAD_FIELDS as readonly string[]).includes(key)) continue;
    errors.push(
      `payload.${key} is not supported: ${HINTS[key] ?? `use ${PAYLOAD_FIELDS.join(', ')}`}`,
    );
  }
  if (payload.anthropic_version !== undefined && typeof payload.anthropic_version !== 'string') {
    errors.push('payload.anthropic_version must be a string such as "bedrock-2023-05-31"');
  }
  checkMessages(payload.messages, errors);
  if (payload.system !== undefined) checkContent(payload.system, 'payload.system', errors, true);
  if (payload.max_tokens === undefined) {
    errors.push(`payload.max_tokens is required (an integer from 1 to ${maxTokensLimit})`);
  } else {
    checkNumber(payload, 'max_tokens', errors, { min: 1, max: maxTokensLimit, integer: true });
  }
  checkNumber(payload, 'temperature', errors, { min: 0, max: 1 });
  checkNumber(payload, 'top_p', errors, { min: 0, max: 1 });
  checkNumber(payload, 'top_k', errors, { min: 0, max: 500, integer: true });
  const stops = payload.stop_sequences;
  if (
    stops !== undefined &&
    (!Array.isArray(stops) || !stops.every((s) => typeof s === 'string' && s.length > 0))
  ) {
    errors.push('payload.stop_sequences must be an array of non-empty strings');
  }
  return errors;
}

/** Text of string-or-blocks content (blocks joined by newlines). */
export function contentText(content: AnthropicContent | undefined): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((block) => block.text).join('\n');
}
