import { LlmContentBlock, LlmImageFormat, LlmMessage } from '@app/llm';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/** Most messages, images and image bytes one request may carry (Converse's own limits). */
export const MAX_MESSAGES = 1000;
export const MAX_IMAGES = 20;
export const MAX_IMAGE_BYTES = 3_750_000;

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool'];
const DATA_URL = /^data:image\/(png|jpeg|jpg|gif|webp);base64,([A-Za-z0-9+/]+={0,2})$/;
const MESSAGE_FIELDS: Record<string, string[]> = {
  system: ['role', 'content', 'name'],
  developer: ['role', 'content', 'name'],
  user: ['role', 'content', 'name'],
  assistant: ['role', 'content', 'name', 'tool_calls', 'refusal'],
  tool: ['role', 'content', 'tool_call_id'],
};

/** The port's conversation for a chat completion body, or the problems that refuse it. */
export interface MappedMessages {
  system?: string;
  messages: LlmMessage[];
  problems: string[];
}

class MessageReader {
  readonly problems: string[] = [];
  readonly system: string[] = [];
  readonly messages: LlmMessage[] = [];
  private images = 0;
  /** Tool calls made by the assistant and not answered yet. */
  private pending = new Set<string>();
  private readonly seenCalls = new Set<string>();

  read(value: unknown): void {
    if (!Array.isArray(value) || value.length === 0) {
      this.problems.push('messages must be a non-empty array of messages');
      return;
    }
    if (value.length > MAX_MESSAGES) {
      this.problems.push(`messages holds ${value.length} messages; at most ${MAX_MESSAGES}`);
      return;
    }
    value.forEach((message, i) => this.message(message, `messages[${i}]`));
    if (this.pending.size > 0) this.unanswered('messages');
    const first = this.messages[0];
    if (!first) this.problems.push('messages must hold at least one user message');
    else if (first.role !== 'user') {
      this.problems.push(
        'messages: the first message after system messages must be a user message',
      );
    }
  }

  private message(message: unknown, at: string): void {
    if (!isObject(message)) {
      this.problems.push(`${at} must be an object {role, content}, not ${describe(message)}`);
      return;
    }
    const role = message.role;
    if (typeof role !== 'string' || !ROLES.includes(role)) {
      this.problems.push(`${at}.role must be one of ${ROLES.join(', ')}`);
      return;
    }
    for (const key of Object.keys(message)) {
      if (!MESSAGE_FIELDS[role].includes(key)) {
        this.problems.push(`${at}.${key} is not a field of a ${role} message`);
      }
    }
    if (message.name !== undefined && typeof message.name !== 'string') {
      this.problems.push(`${at}.name must be a string`);
    }
    if (role !== 'tool' && this.pending.size > 0) this.unanswered(at);
    switch (role) {
      case 'system':
      case 'developer':
        this.system.push(this.text(message.content, `${at}.content`));
        return;
      case 'user':
        this.push('user', this.userBlocks(message.content, `${at}.content`));
        return;
      case 'assistant':
        this.push('assistant', this.assistantBlocks(message, at));
        return;
      case 'tool':
        this.push('user', this.toolResult(message, at));
    }
  }

  private unanswered(at: string): void {
    const ids = [...this.pending].join(', ');
    this.problems.push(`${at}: the tool calls ${ids} have no tool message answering them`);
    this.pending.clear();
  }

  private push(role: LlmMessage['role'], blocks: LlmContentBlock[]): void {
    if (blocks.length > 0) this.messages.push({ role, content: blocks });
  }

  /** Text content: a string or text parts. */
  private text(value: unknown, at: string): string {
    if (typeof value === 'string') return value;
    if (!Array.isArray(value) || value.length === 0) {
      this.problems.push(`${at} must be a string or a non-empty array of text parts`);
      return '';
    }
    return value
      .map((part, j) => {
        if (isObject(part) && part.type === 'text' && typeof part.text === 'string') {
          return part.text;
        }
        this.problems.push(`${at}[${j}] must be a text part {type: "text", text}`);
        return '';
      })
      .join('');
  }

  private userBlocks(value: unknown, at: string): LlmContentBlock[] {
    if (typeof value === 'string') {
      if (!value.trim()) this.problems.push(`${at} must not be empty`);
      return [{ type: 'text', text: value }];
    }
    if (!Array.isArray(value) || value.length === 0) {
      this.problems.push(`${at} must be a string or a non-empty array of content parts`);
      return [];
    }
    return value.flatMap((part, j): LlmContentBlock[] => {
      const path = `${at}[${j}]`;
      if (isObject(part) && part.type === 'text') {
        if (typeof part.text === 'string') return [{ type: 'text', text: part.text }];
        this.problems.push(`${path}.text must be a string`);
        return [];
      }
      if (isObject(part) && part.type === 'image_url') return this.image(part.image_url, path);
      this.problems.push(`${path} must be a text or image_url part`);
      return [];
    });
  }

  private image(value: unknown, at: string): LlmContentBlock[] {
    const url = isObject(value) ? value.url : undefined;
    if (typeof url !== 'string') {
      this.problems.push(`${at}.image_url.url must be a string`);
      return [];
    }
    if (/^https?:/i.test(url)) {
      this.problems.push(
        `${at}.image_url.url: remote image URLs are not fetched; send the image as a data: URL (data:image/png;base64,...)`,
      );
      return [];
    }
    const match = DATA_URL.exec(url);
    if (!match) {
      this.problems.push(
        `${at}.image_url.url must be a base64 data: URL of a png, jpeg, gif or webp image`,
      );
      return [];
    }
    this.images += 1;
    if (this.images > MAX_IMAGES) {
      if (this.images === MAX_IMAGES + 1) {
        this.problems.push(`${at}: at most ${MAX_IMAGES} images a request`);
      }
      return [];
    }
    const data = Buffer.from(match[2], 'base64');
    if (data.length > MAX_IMAGE_BYTES) {
      this.problems.push(`${at}: the image is larger than ${MAX_IMAGE_BYTES} bytes`);
      return [];
    }
    const format = (match[1] === 'jpg' ? 'jpeg' : match[1]) as LlmImageFormat;
    return [{ type: 'image', format, data: new Uint8Array(data) }];
  }

  private assistantBlocks(message: Json, at: string): LlmContentBlock[] {
    const blocks: LlmContentBlock[] = [];
    const content = message.content;
    if (content !== undefined && content !== null) {
      const text = this.text(content, `${at}.content`);
      if (text) blocks.push({ type: 'text', text });
    }
    const calls = message.tool_calls;
    if (calls === undefined || calls === null) {
      if (blocks.length === 0) this.problems.push(`${at} needs content or tool_calls`);
      return blocks;
    }
    if (!Array.isArray(calls) || calls.length === 0) {
      this.problems.push(`${at}.tool_calls must be a non-empty array`);
      return blocks;
    }
    calls.forEach((call, j) => {
      const block = this.toolCall(call, `${at}.tool_calls[${j}]`);
      if (block) blocks.push(block);
    });
    return blocks;
  }

  private toolCall(call: unknown, at: string): LlmContentBlock | undefined {
    const fn = isObject(call) ? call.function : undefined;
    if (!isObject(call) || call.type !== 'function' || !isObject(fn)) {
      this.problems.push(`${at} must be {id, type: "function", function: {name, arguments}}`);
      return undefined;
    }
    const { id } = call;
    if (typeof id !== 'string' || !id) {
      this.problems.push(`${at}.id must be a non-empty string`);
      return undefined;
    }
    if (this.seenCalls.has(id)) {
      this.problems.push(`${at}.id ${JSON.stringify(id)} is used by another tool call`);
      return undefined;
    }
    if (typeof fn.name !== 'string' || !fn.name) {
      this.problems.push(`${at}.function.name must be a non-empty string`);
      return undefined;
    }
    let input: unknown;
    try {
      input = typeof fn.arguments === 'string' ? JSON.parse(fn.arguments || '{}') : undefined;
    } catch {
      input = undefined;
    }
    if (!isObject(input)) {
      this.problems.push(`${at}.function.arguments must be a JSON object in a string`);
      return undefined;
    }
    this.seenCalls.add(id);
    this.pending.add(id);
    return { type: 'tool-use', id, name: fn.name, input };
  }

  private toolResult(message: Json, at: string): LlmContentBlock[] {
    const id = message.tool_call_id;
    if (typeof id !== 'string' || !id) {
      this.problems.push(`${at}.tool_call_id must be a non-empty string`);
      return [];
    }
    if (!this.pending.delete(id)) {
      const known = this.seenCalls.has(id) ? 'was answered already' : 'names no tool call';
      this.problems.push(`${at}.tool_call_id ${JSON.stringify(id)} ${known}`);
      return [];
    }
    const content = this.text(message.content, `${at}.content`);
    return [{ type: 'tool-result', toolUseId: id, content }];
  }
}

/** Reads `messages`: system and developer messages make the system prompt, tool messages tool results. */
export function readOpenAiMessages(value: unknown): MappedMessages {
  const reader = new MessageReader();
  reader.read(value);
  const system = reader.system.filter((text) => text.trim()).join('\n\n');
  return {
    ...(system ? { system } : {}),
    messages: reader.messages,
    problems: reader.problems,
  };
}
