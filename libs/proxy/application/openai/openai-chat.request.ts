import { LlmRequest, LlmToolChoice, LlmToolDefinition } from '@app/llm';
import { InvalidRequestError } from '../proxy-errors';
import { readOpenAiMessages } from './openai-messages';
import { OpenAiChatBody } from './openai-chat.types';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** OpenAI's own limits on tools and stop sequences. */
export const MAX_TOOLS = 128;
export const MAX_STOPS = 4;
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function readTools(value: unknown, problems: string[]): LlmToolDefinition[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_TOOLS) {
    problems.push(`tools must be an array of at most ${MAX_TOOLS} function tools`);
    return [];
  }
  const names = new Set<string>();
  return value.flatMap((tool, i): LlmToolDefinition[] => {
    const at = `tools[${i}]`;
    const fn = isObject(tool) ? tool.function : undefined;
    if (!isObject(tool) || tool.type !== 'function' || !isObject(fn)) {
      problems.push(
        `${at} must be {type: "function", function: {name, description?, parameters?}}`,
      );
      return [];
    }
    if (typeof fn.name !== 'string' || !TOOL_NAME.test(fn.name)) {
      problems.push(`${at}.function.name must be 1 to 64 letters, digits, _ or -`);
      return [];
    }
    if (names.has(fn.name)) {
      problems.push(`${at}.function.name ${fn.name} is declared twice`);
      return [];
    }
    names.add(fn.name);
    if (fn.description !== undefined && typeof fn.description !== 'string') {
      problems.push(`${at}.function.description must be a string`);
    }
    if (fn.parameters !== undefined && !isObject(fn.parameters)) {
      problems.push(`${at}.function.parameters must be a JSON Schema object`);
      return [];
    }
    return [
      {
        name: fn.name,
        ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
        inputSchema: isObject(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
      },
    ];
  });
}

function readToolChoice(
  value: unknown,
  tools: LlmToolDefinition[],
  problems: string[],
): LlmToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'auto' || value === 'none' || value === 'required') {
    if (value === 'required' && tools.length === 0) {
      problems.push('tool_choice "required" needs tools');
    }
    return { type: value === 'required' ? 'any' : value };
  }
  const name = isObject(value) && isObject(value.function) ? value.function.name : undefined;
  if (!isObject(value) || value.type !== 'function' || typeof name !== 'string') {
    problems.push(
      'tool_choice must be "auto", "none", "required" or {type: "function", function: {name}}',
    );
    return undefined;
  }
  if (!tools.some((tool) => tool.name === name)) {
    problems.push(`tool_choice names the function ${name}, which is not in tools`);
    return undefined;
  }
  return { type: 'tool', name };
}

function readStop(value: unknown, problems: string[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const stops = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(stops) ||
    stops.length > MAX_STOPS ||
    !stops.every((stop) => typeof stop === 'string' && stop.length > 0)
  ) {
    problems.push(`stop must be a non-empty string or an array of up to ${MAX_STOPS} of them`);
    return undefined;
  }
  return stops as string[];
}

/**
 * The port's request for a chat completion body whose scalar fields the DTO already checked:
 * every problem of the messages, tools, tool choice and stop sequences is listed (400).
 */
export function toChatLlmRequest(
  body: OpenAiChatBody,
  model: string,
  maxTokensLimit: number,
): LlmRequest {
  const problems: string[] = [];
  for (const key of ['max_tokens', 'max_completion_tokens'] as const) {
    const value = body[key];
    if (value != null && value > maxTokensLimit) {
      problems.push(`${key} must not be greater than ${maxTokensLimit}`);
    }
  }
  const { system, messages, problems: messageProblems } = readOpenAiMessages(body.messages);
  problems.push(...messageProblems);
  const tools = readTools(body.tools, problems);
  const toolChoice = readToolChoice(body.tool_choice, tools, problems);
  const stopSequences = readStop(body.stop, problems);
  if (body.stream_options != null && body.stream !== true) {
    problems.push('stream_options is only allowed when stream is true');
  }
  if (problems.length > 0) {
    throw new InvalidRequestError('The chat completion request is not valid', problems);
  }
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  return {
    model,
    ...(system ? { system } : {}),
    messages,
    ...(maxTokens != null ? { maxTokens } : {}),
    ...(body.temperature != null ? { temperature: body.temperature } : {}),
    ...(body.top_p != null ? { topP: body.top_p } : {}),
    ...(stopSequences ? { stopSequences } : {}),
    ...(tools.length > 0 ? { tools, toolChoice: toolChoice ?? { type: 'auto' } } : {}),
  };
}
