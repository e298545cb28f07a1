import { contentBlocks, LlmRequest, LlmToolCall, LlmToolDefinition } from '../llm-client';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The tool the mock calls: the forced one, else the first named in the text (any: the first). */
function chosenTool(request: LlmRequest, text: string): LlmToolDefinition | undefined {
  const tools = request.tools ?? [];
  const choice = request.toolChoice ?? { type: 'auto' };
  if (tools.length === 0 || choice.type === 'none') return undefined;
  if (choice.type === 'tool') return tools.find((tool) => tool.name === choice.name);
  const named = tools
    .map((tool) => ({ tool, at: text.indexOf(tool.name) }))
    .filter((hit) => hit.at >= 0)
    .sort((a, b) => a.at - b.at)[0]?.tool;
  return named ?? (choice.type === 'any' ? tools[0] : undefined);
}

/**
 * Arguments from the message, by the tool's JSON Schema: each string property gets the text,
 * numbers its word count, booleans true (no properties declared: `{text}`). Also the emulator's.
 */
export function mockToolArguments(
  schema: Record<string, unknown>,
  text: string,
): Record<string, unknown> {
  const properties = schema.properties;
  if (!isRecord(properties)) return { text };
  const words = text.split(/\s+/).filter(Boolean).length;
  const input: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const type = isRecord(schema) ? schema.type : undefined;
    if (type === 'string') input[name] = text;
    else if (type === 'number' || type === 'integer') input[name] = words;
    else if (type === 'boolean') input[name] = true;
  }
  return input;
}

/** Holds tool results: the newest message answers tool calls. */
function newestToolResults(request: LlmRequest) {
  const newest = request.messages.at(-1);
  if (!newest || newest.role !== 'user') return [];
  return contentBlocks(newest.content).flatMap((b) => (b.type === 'tool-result' ? [b] : []));
}

/** The mock's deterministic tool call for this request, if it makes one. */
export function mockToolCall(
  request: LlmRequest,
  lastUserText: string,
  turn: number,
): LlmToolCall | undefined {
  if (newestToolResults(request).length > 0) return undefined;
  const tool = chosenTool(request, lastUserText);
  if (!tool) return undefined;
  return {
    id: `call_mock_${turn}_${tool.name}`,
    name: tool.name,
    input: mockToolArguments(tool.inputSchema, lastUserText),
  };
}

/** After tool results, the answer quotes them; undefined when the request ends otherwise. */
export function mockToolAnswer(request: LlmRequest): string | undefined {
  const results = newestToolResults(request);
  if (results.length === 0) return undefined;
  const names = new Map<string, string>();
  for (const message of request.messages) {
    for (const block of contentBlocks(message.content)) {
      if (block.type === 'tool-use') names.set(block.id, block.name);
    }
  }
  const quoted = results.map(
    (r) => `${names.get(r.toolUseId) ?? 'tool'} answered ${JSON.stringify(r.content)}`,
  );
  return `[mock reply] The ${quoted.join('; ')}. This is the offline mock provider.`;
}
